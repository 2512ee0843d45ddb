package org.oaiconformance.auth.secrets;

import io.restassured.http.Header;
import io.restassured.http.Method;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * No answer repeats a rejected key. The rule: the sentinel is {@code sk-sentinel-} (a public prefix)
 * followed by 40 random letters and digits (the secret part); no run of 5 or more characters of the secret part may
 * appear in any response header or the body. A masked form that shows the prefix and the last 4 characters passes.
 */
public class SecretEchoChecks extends ConformanceChecks {
    static final String PREFIX = "sk-sentinel-";
    static final int LONGEST_ALLOWED_RUN = 4;
    private static final String SECRET_PART = randomAlphanumeric(40);
    static final String SENTINEL = PREFIX + SECRET_PART;

    static {
        SecretMasker.register(SENTINEL, "sentinel-key");
    }

    /**
     * Verifies: SEC-002 (docs/evidence.md#r10: LiteLLM echoed keys in errors). Sent as Bearer to chat (plain and streamed) and
     * models, as Basic, and in x-api-key. If this fails, mask keys in error messages to their last 4 characters.
     */
    @Test
    @Verifies("SEC-002")
    public void required_sec002_rejectedKeyIsNeverEchoed() {
        Credentials bearer = Credentials.bearer(SENTINEL, "a sentinel key");
        String basic = Base64.getEncoder().encodeToString(("conformance:" + SENTINEL).getBytes(StandardCharsets.UTF_8));
        SecretMasker.register(basic, "sentinel-key as Basic");
        List<Exchange> answers = List.of(chat(bearer), chatStream(bearer), target().get("/models", bearer),
                chat(Credentials.header("Basic " + basic, "a sentinel key under Basic")),
                target().send(Method.GET, "/models", new Credentials(List.of(), "a sentinel key in x-api-key"), null, Map.of("x-api-key", SENTINEL)));
        for (Exchange exchange : answers) {
            for (Header header : exchange.response().getHeaders()) {
                String run = longestSecretRun(header.getValue());
                if (run.length() > LONGEST_ALLOWED_RUN) {
                    Expect.fail(exchange, "expected no part of the key in the answer; header " + header.getName()
                            + " repeats " + run.length() + " characters of its secret part");
                }
            }
            String run = longestSecretRun(exchange.body());
            if (run.length() > LONGEST_ALLOWED_RUN) {
                Expect.fail(exchange, "expected no part of the key in the answer; the body repeats " + run.length()
                        + " characters of its secret part");
            }
        }
    }

    /** The longest run of consecutive characters of the secret part that occurs in the text. */
    static String longestSecretRun(String text) {
        if (text == null) {
            return "";
        }
        String longest = "";
        for (int start = 0; start < SECRET_PART.length(); start++) {
            for (int end = start + longest.length() + 1; end <= SECRET_PART.length(); end++) {
                String run = SECRET_PART.substring(start, end);
                if (!text.contains(run)) {
                    break;
                }
                longest = run;
            }
        }
        return longest;
    }

    private static String randomAlphanumeric(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
