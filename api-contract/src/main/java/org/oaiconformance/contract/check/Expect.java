package org.oaiconformance.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.outcome.CheckFailed;
import org.oaiconformance.contract.schema.ContractSchema;
import org.oaiconformance.contract.schema.SchemaViolation;
import org.testng.SkipException;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The assertions checks share. Each failure is a {@link CheckFailed} for the requirement the running check
 * {@link org.oaiconformance.contract.catalogue.Verifies}, so an ID is typed once per check; its text names the
 * request, what was expected, what came back (masked) and the target's request id, so a red report says what to fix
 * without opening a trace.
 */
public final class Expect {

    private Expect() {
    }

    public static void fail(Exchange exchange, String expectation) {
        throw CheckFailed.of(exchange.describeFailure(expectation));
    }

    /** As above, quoting the offending part (an event of a stream, say) instead of the body's start. */
    public static void fail(Exchange exchange, String expectation, String offending) {
        throw CheckFailed.of(exchange.describeFailure(expectation, offending));
    }

    /** A failure with no HTTP exchange behind it (what an SDK raised, say), for the running check. */
    public static CheckFailed failure(String text) {
        return CheckFailed.of(text);
    }

    /** The request must be refused with 401: not served, not another 4xx, not a 5xx. */
    public static void refusedWith401(Exchange exchange) {
        refused(exchange, Set.of(401));
    }

    /** The request must be refused with one of these statuses (401, and what the requirement also allows). */
    public static void refused(Exchange exchange, Set<Integer> allowed) {
        int status = exchange.status();
        if (allowed.contains(status)) {
            return;
        }
        String why = status / 100 == 2 ? "the target served a request it should have refused"
                : status == 403 ? "403 means 'authenticated but not allowed'; bad or missing credentials are 401 (RFC 9110 §15.5.2)"
                : status / 100 == 5 ? "a 5xx for a credentials problem is retried by every official SDK"
                : "bad or missing credentials are 401 (RFC 9110 §15.5.2), and SDKs map only 401 to their authentication error";
        String expected = allowed.stream().sorted().map(String::valueOf).collect(Collectors.joining(" or "));
        fail(exchange, "expected " + expected + " (" + why + ")");
    }

    public static void status(Exchange exchange, int expected) {
        if (exchange.status() != expected) {
            fail(exchange, "expected HTTP " + expected + hintFor(exchange.status()));
        }
    }

    /** What to look at first when a request that should succeed does not. */
    private static String hintFor(int status) {
        return switch (status) {
            case 401, 403 -> " (is CONFORMANCE_API_KEY valid and allowed to call this model?)";
            case 404 -> " (does CONFORMANCE_MODEL name a model this target serves?)";
            case 402, 429 -> " (the key may be out of credit or rate-limited)";
            default -> "";
        };
    }

    /**
     * An error response whose body is {"error": {"message": "<string>", ...}}, judged by the error schema except
     * error.code, which ERR-003 judges against the profile. The Content-Type is ERR-002's business.
     */
    public static void errorEnvelope(Exchange exchange) {
        conformsTo(exchange, exchange.body(), ContractSchema.ERROR, path -> !path.startsWith("/error/code"), "the error body");
    }

    /**
     * The JSON conforms to the schema in the parts this requirement owns ({@code owns} tests a violation's path, e.g.
     * {@code /created}); the failure names each violated schema path and quotes the offending JSON.
     */
    /**
     * ERR-003's rule: error.code is a string or null (or absent); a number only where the profile documents it. An
     * error body that is not the envelope is ERR-001's to judge, so this check steps aside.
     */
    public static void errorCodeIsAStringOrNull(Exchange exchange, boolean numberAllowed) {
        JsonNode code = ErrorEnvelope.in(exchange.body())
                .orElseThrow(() -> new SkipException("the error body is not JSON with an error object: see ERR-001")).code();
        if (!(code.isMissingNode() || code.isNull() || code.isTextual() || (numberAllowed && code.isIntegralNumber()))) {
            fail(exchange, "expected error.code to be a string or null" + (numberAllowed ? " or a number" : "") + ", found " + kind(code)
                    + " " + code);
        }
    }

    public static void conformsTo(Exchange exchange, String json, ContractSchema schema,
                                  Predicate<String> owns, String what) {
        List<SchemaViolation> violations = schema.violations(json).stream().filter(v -> owns.test(v.path())).toList();
        if (!violations.isEmpty()) {
            String listed = violations.stream().limit(5).map(SchemaViolation::toString).collect(Collectors.joining("; "));
            String flat = json == null ? "" : json.replace("\r", "\\r").replace("\n", "\\n");
            throw CheckFailed.of(exchange.describeFailure("expected " + what + " to conform to "
                    + schema.file() + ": " + listed, "offending JSON: " + flat));
        }
    }

    /** A JSON member that must be a string with this exact value. */
    public static void textEquals(Exchange exchange, JsonNode node, String member, String expected) {
        JsonNode value = node.path(member);
        if (!value.isTextual() || !value.asText().equals(expected)) {
            fail(exchange, "expected '" + member + "' to be \"" + expected + "\", found " + kind(value)
                    + (value.isValueNode() ? " " + value : ""));
        }
    }

    public static void isText(Exchange exchange, JsonNode node, String where) {
        if (!node.isTextual()) {
            fail(exchange, "expected '" + where + "' to be a string, found " + kind(node));
        }
    }

    /** "a string", "a number", "missing", ... for messages. */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "it missing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
