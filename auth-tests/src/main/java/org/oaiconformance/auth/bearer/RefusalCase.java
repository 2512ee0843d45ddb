package org.oaiconformance.auth.bearer;

import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One shape of credentials a target must refuse, the requirement that says so, and the statuses that count as
 * refusing it (401; a few cases also allow a status RFCs give them). A near-miss of a real key (a character added or
 * removed, split) is built only when sent, around {@link TargetSession#keyForVariants()}: a throwaway key where one can
 * be made, so the target's failed-login logs never hold most of the long-lived key.
 */
public record RefusalCase(String requirement, String description, Credentials fixed, UnaryOperator<String> nearMiss,
                          Set<Integer> refusalStatuses) {
    /** A key no target can know; it is new every run, so no cache or allow-list can match it. */
    public static final String UNKNOWN_KEY = InventedSecrets.unknownKey(OpenAiWire.UNKNOWN_KEY_PREFIX, "unknown-key");

    private static RefusalCase of(String requirement, Credentials credentials) {
        return new RefusalCase(requirement, credentials.description(), credentials, null, Set.of(401));
    }

    private static RefusalCase nearMiss(String requirement, String description, UnaryOperator<String> headerValueOfKey) {
        return new RefusalCase(requirement, description, null, headerValueOfKey, Set.of(401));
    }

    /** What to send: fixed credentials, or the near-miss built around the key for variants now. */
    public Credentials credentials() {
        return fixed != null ? fixed : Credentials.header(nearMiss.apply(TargetSession.current().keyForVariants()), description);
    }

    public static RefusalCase missingHeader() {
        return of("AUTH-002", Credentials.none());
    }

    public static RefusalCase unknownKey() {
        return of("AUTH-004", Credentials.bearer(UNKNOWN_KEY, "an unknown key"));
    }

    /** Every shape; {@code validKey} for the case that needs the real key, near-misses around {@code variantsOf}'s key. */
    public static List<RefusalCase> all(String validKey, String variantsOf) {
        String basic = Base64.getEncoder().encodeToString(("conformance:" + UNKNOWN_KEY).getBytes(StandardCharsets.UTF_8));
        SecretMasker.register(basic, "unknown-key as Basic");
        String longToken = "sk-conformance-long-" + "0123456789abcdef".repeat(512);
        return List.of(
                missingHeader(),
                of("AUTH-003", Credentials.header("Bearer ", "'Bearer' with an empty token")),
                unknownKey(),
                of("AUTH-005", Credentials.header("Basic " + basic, "an unknown key under the Basic scheme")),
                of("AUTH-003", Credentials.header("Bearer \t  ", "'Bearer' followed by whitespace only")),
                nearMiss("AUTH-006", variantsOf + " with a space inside it", key -> {
                    int split = Math.min(8, key.length() / 2);
                    return "Bearer " + key.substring(0, split) + " " + key.substring(split);
                }),
                nearMiss("AUTH-007", variantsOf + " plus one character", key -> "Bearer " + key + "x"),
                nearMiss("AUTH-007", variantsOf + " minus its last character", key -> "Bearer " + key.substring(0, key.length() - 1)),
                new RefusalCase("AUTH-008", "an 8 KiB token", Credentials.bearer(longToken, "an 8 KiB token"), null, Set.of(401, 431)),
                of("AUTH-009", Credentials.bearer("sk-conformance-\u00fcnkn\u00f6wn-\u00e9\u00e8-0000", "a token with non-ASCII characters")),
                of2("AUTH-010", new Credentials(List.of("Bearer " + validKey, "Bearer " + UNKNOWN_KEY),
                        "two Authorization headers, the valid key first, then an unknown key"), Set.of(400, 401)),
                of2("AUTH-010", new Credentials(List.of("Bearer " + UNKNOWN_KEY, "Bearer " + validKey),
                        "two Authorization headers, an unknown key first, then the valid key"), Set.of(400, 401)));
    }

    private static RefusalCase of2(String requirement, Credentials credentials, Set<Integer> statuses) {
        return new RefusalCase(requirement, credentials.description(), credentials, null, statuses);
    }

    /** Every case as TestNG data-provider rows. */
    public static Object[][] rows(TargetSession session) {
        return all(session.client().validKeyValue(), session.variantsKeyDescription()).stream().map(c -> new Object[] {c})
                .toArray(Object[][]::new);
    }

    public boolean refusedBy(int status) {
        return refusalStatuses.contains(status);
    }

    /**
     * Refused by the HTTP layer before any API code ran: the 8 KiB header line is past cpp-httplib's and nginx's limits,
     * and they answer 400 or 431 with no body, or a page that is not JSON (RFC 9110 §5.4: an appropriate 4xx). A JSON
     * error means the API itself read the request, and bad credentials are then its to refuse with 401.
     */
    public boolean refusedByTheHttpLayer(Exchange exchange) {
        return requirement.equals("AUTH-008") && (exchange.status() == 400 || exchange.status() == 431)
                && ErrorEnvelope.in(exchange.body()).isEmpty();
    }

    @Override
    public String toString() {
        return requirement + ": " + description;
    }
}
