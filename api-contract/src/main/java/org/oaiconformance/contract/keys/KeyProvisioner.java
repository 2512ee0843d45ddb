package org.oaiconformance.contract.keys;

import org.oaiconformance.contract.http.Credentials;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates, disables and deletes keys on the target, for the key lifecycle checks. Chosen by profile:
 * {@link ManagementApiProvisioner} where the target has a key API (OpenRouter, and the reference target, which
 * speaks OpenRouter's shape), {@link DashboardKeys} where keys live in a dashboard and the user supplies them.
 */
public interface KeyProvisioner {

    /** False when keys cannot be made here; then the checks use keys from the settings, or skip. */
    boolean canCreate();

    /** A new key with this credit limit that expires by itself at {@code expiresAt} (null: never). */
    ManagedKey create(String name, Double creditLimit, Instant expiresAt);

    void disable(ManagedKey key);

    void delete(ManagedKey key);

    /** Every key the API lists, secrets omitted. */
    List<ManagedKey> list();

    /** The management key itself, for the check that it cannot run inference. */
    Optional<Credentials> managementKey();
}
