package org.oaiconformance.auth.bearer;

import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.reference.KeyStore;
import org.oaiconformance.contract.secrets.SecretMasker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * One shape of credentials a target must refuse, the requirement that says so, and the statuses that count as
 * refusing it (401; a few cases also allow a status RFCs give them).
 */
public record RefusalCase(String requirement, Credentials credentials, Set<Integer> refusalStatuses) {
    /** A key no target can know; it is new every run, so no cache or allow-list can match it. */
    public static final String UNKNOWN_KEY = KeyStore.newSecret("sk-unknown-");

    static {
        SecretMasker.register(UNKNOWN_KEY, "unknown-key");
    }

    private static RefusalCase of(String requirement, Credentials credentials) {
        return new RefusalCase(requirement, credentials, Set.of(401));
    }

    public static RefusalCase missingHeader() {
        return of("AUTH-002", Credentials.none());
    }

    public static RefusalCase unknownKey() {
        return of("AUTH-004", Credentials.bearer(UNKNOWN_KEY, "an unknown key"));
    }

    /** Every shape, built around the configured valid key where the case needs one. */
    public static List<RefusalCase> all(String validKey) {
        String basic = Base64.getEncoder().encodeToString(("conformance:" + UNKNOWN_KEY).getBytes(StandardCharsets.UTF_8));
        SecretMasker.register(basic, "unknown-key as Basic");
        String longToken = "sk-conformance-long-" + "0123456789abcdef".repeat(512);
        int split = Math.min(8, validKey.length() / 2);
        return List.of(
                missingHeader(),
                of("AUTH-003", Credentials.header("Bearer ", "'Bearer' with an empty token")),
                unknownKey(),
                of("AUTH-005", Credentials.header("Basic " + basic, "an unknown key under the Basic scheme")),
                of("AUTH-003", Credentials.header("Bearer \t  ", "'Bearer' followed by whitespace only")),
                of("AUTH-006", Credentials.header("Bearer " + validKey.substring(0, split) + " " + validKey.substring(split),
                        "the valid key with a space inside it")),
                of("AUTH-007", Credentials.bearer(validKey + "x", "the valid key plus one character")),
                of("AUTH-007", Credentials.bearer(validKey.substring(0, validKey.length() - 1), "the valid key minus its last character")),
                new RefusalCase("AUTH-008", Credentials.bearer(longToken, "an 8 KiB token"), Set.of(401, 431)),
                of("AUTH-009", Credentials.bearer("sk-conformance-\u00fcnkn\u00f6wn-\u00e9\u00e8-0000", "a token with non-ASCII characters")),
                new RefusalCase("AUTH-010", new Credentials(List.of("Bearer " + validKey, "Bearer " + UNKNOWN_KEY),
                        "two Authorization headers, the valid key and an unknown key"), Set.of(400, 401)));
    }

    /** Every case as TestNG data-provider rows. */
    public static Object[][] rows(String validKey) {
        return all(validKey).stream().map(c -> new Object[] {c}).toArray(Object[][]::new);
    }

    public boolean refusedBy(int status) {
        return refusalStatuses.contains(status);
    }

    @Override
    public String toString() {
        return requirement + ": " + credentials.description();
    }
}
