package org.oaiconformance.contract.keys;

import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.settings.Setting;
import org.testng.SkipException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** For targets whose keys live in a dashboard (Infron, OpenAI): nothing can be created; keys come from the settings. */
public final class DashboardKeys implements KeyProvisioner {
    private final String profile;

    public DashboardKeys(String profile) {
        this.profile = profile;
    }

    @Override
    public boolean canCreate() {
        return false;
    }

    @Override
    public ManagedKey create(String name, Double creditLimit, Instant expiresAt) {
        throw new SkipException("the '" + profile + "' profile has no key API; create keys in the target's dashboard and set "
                + Setting.REVOKED_KEY.env() + ", " + Setting.DISABLED_KEY.env() + " or " + Setting.EXHAUSTED_KEY.env());
    }

    @Override
    public void disable(ManagedKey key) {
        create(key.name(), null, null);
    }

    @Override
    public void delete(ManagedKey key) {
        create(key.name(), null, null);
    }

    @Override
    public List<ManagedKey> list() {
        return List.of();
    }

    @Override
    public Optional<Credentials> managementKey() {
        return Optional.empty();
    }
}
