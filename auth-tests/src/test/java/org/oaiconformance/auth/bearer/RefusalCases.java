package org.oaiconformance.auth.bearer;

import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.reference.KeyStore;
import org.oaiconformance.contract.secrets.SecretMasker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The credentials a target must refuse, one per requirement, generated fresh for each run. */
public final class RefusalCases {
    /** A key no target can know; it is new every run, so no cache or allow-list can match it. */
    public static final String UNKNOWN_KEY = KeyStore.newSecret("sk-conformance-unknown-");

    static {
        SecretMasker.register(UNKNOWN_KEY, "unknown-key");
    }

    private RefusalCases() {
    }

    public static Credentials missingHeader() {
        return Credentials.none();
    }

    public static Credentials emptyBearer() {
        return Credentials.header("Bearer ", "'Bearer' with an empty token");
    }

    public static Credentials unknownKey() {
        return Credentials.bearer(UNKNOWN_KEY, "an unknown key");
    }

    public static Credentials unknownKeyUnderBasic() {
        String basic = Base64.getEncoder().encodeToString(("conformance:" + UNKNOWN_KEY).getBytes(StandardCharsets.UTF_8));
        SecretMasker.register(basic, "unknown-key as Basic");
        return Credentials.header("Basic " + basic, "an unknown key under the Basic scheme");
    }

    public static List<Credentials> all() {
        return List.of(missingHeader(), emptyBearer(), unknownKey(), unknownKeyUnderBasic());
    }
}
