package org.oaiconformance.compat.errors;

import io.restassured.http.Method;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Errors the suite provokes with a valid key, none of which runs a model: an unknown model, a body that is not JSON,
 * a request without messages, the wrong method. Each has its status requirement; all share the envelope (ERR-001),
 * its Content-Type (ERR-002) and the type of error.code (ERR-003).
 */
public class ProvokedErrorChecks extends ConformanceChecks {
    private static final String UNKNOWN_MODEL = OpenAiWire.UNKNOWN_MODEL + "-" + InventedSecrets.random("").substring(0, 8);

    /** A way to provoke an error: the requirement for its status, and the request. */
    public record Provocation(String requirement, String description, Function<ProvokedErrorChecks, Exchange> send) {
        @Override
        public String toString() {
            return requirement + ": " + description;
        }
    }

    private static final Provocation[] PROVOCATIONS = {
        new Provocation("ERR-004", "an unknown model", c -> c.target().post(CHAT, c.target().validKey(),
                "{\"model\":\"" + UNKNOWN_MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say OK.\"}],\"max_tokens\":16}")),
        new Provocation("ERR-005", "a body that is not JSON", c -> c.target().post(CHAT, c.target().validKey(), "{\"model\": \"x\", \"messages\": [")),
        new Provocation("ERR-006", "a request without messages", c -> c.target().post(CHAT, c.target().validKey(), "{\"model\":\"" + c.model() + "\"}")),
        new Provocation("ERR-007", "GET on chat/completions", c -> c.target().send(Method.GET, CHAT, c.target().validKey(), null, Map.of())),
    };

    /** Each provocation is sent once per run (per recorded answer, over a recording) and judged by several requirements. */
    private Exchange answer(Provocation provocation) {
        return once(provocation.requirement(), () -> provocation.send().apply(this));
    }

    @DataProvider
    public Object[][] provocations() {
        return Arrays.stream(PROVOCATIONS).map(p -> new Object[] {p}).toArray(Object[][]::new);
    }

    private Exchange provoked(String requirement) {
        return answer(Arrays.stream(PROVOCATIONS).filter(p -> p.requirement().equals(requirement)).findFirst().orElseThrow());
    }

    /** An error response to judge; a success is the status requirement's business. */
    private Exchange error(Provocation provocation) {
        Exchange exchange = answer(provocation);
        if (exchange.status() < 400) {
            throw new SkipException("the target did not answer " + provocation.description() + " with an error (HTTP "
                    + exchange.status() + "): see " + provocation.requirement());
        }
        return exchange;
    }

    /** Verifies: ERR-001 on provoked errors. If this fails, route every error through the OpenAI error serializer. */
    @Test(dataProvider = "provocations")
    @Verifies("ERR-001")
    public void required_err001_provokedErrorCarriesErrorEnvelope(Provocation provocation) {
        Expect.errorEnvelope(error(provocation));
    }

    /** Verifies: ERR-002. If this fails, label error bodies application/json: SDKs parse them only then. */
    @Test(dataProvider = "provocations")
    @Verifies("ERR-002")
    public void recommended_err002_errorIsLabelledJson(Provocation provocation) {
        Exchange exchange = error(provocation);
        if (!exchange.mediaType().equals("application/json")) {
            Expect.fail(exchange, "expected Content-Type application/json (a charset parameter is fine)");
        }
    }

    /** Verifies: ERR-003 (docs/evidence.md#r9). If this fails, send error.code as a string or null. */
    @Test(dataProvider = "provocations")
    @Verifies("ERR-003")
    public void recommended_err003_errorCodeIsAStringOrNull(Provocation provocation) {
        Expect.errorCodeIsAStringOrNull(error(provocation), session().profile().numericErrorCode());
    }

    /** Verifies: ERR-004 (OpenAI: 404 model_not_found; OpenRouter documents 400). If this fails, check upstream error mapping. */
    @Test
    @Verifies("ERR-004")
    public void recommended_err004_unknownModelIsRefusedAsTheProfileSays() {
        Exchange exchange = provoked("ERR-004");
        Profile.Refusal expected = session().profile().unknownModel();
        if (expected.statuses().size() > 1) {
            Observations.record("unknown model refused with HTTP " + exchange.status());
        }
        if (!expected.accepts(exchange.status())) {
            Expect.fail(exchange, "expected HTTP " + expected.describe() + " for an unknown model, as the '"
                    + session().profile().name() + "' profile documents");
        }
        String code = textCode(exchange);
        if (expected.code() != null && code != null && !code.equals(expected.code())) {
            Expect.fail(exchange, "expected error.code '" + expected.code() + "'");
        }
    }

    /** Verifies: ERR-005 (docs/evidence.md#r19). If this fails with a 5xx, catch the parser's exception. */
    @Test
    @Verifies("ERR-005")
    public void required_err005_bodyThatIsNotJsonIsA400() {
        Expect.status(provoked("ERR-005"), 400);
    }

    /** Verifies: ERR-006 (docs/evidence.md#r19). If this fails, validate required parameters before calling a model. */
    @Test
    @Verifies("ERR-006")
    public void required_err006_missingMessagesIsA400() {
        Expect.status(provoked("ERR-006"), 400);
    }

    /** Verifies: ERR-007 (RFC 9110 §15.5.6). If this fails, answer a known path with the wrong method 405, not 404. */
    @Test
    @Verifies("ERR-007")
    public void optional_err007_wrongMethodIs405() {
        Expect.status(provoked("ERR-007"), 405);
    }

    /** error.code when it is a string; null otherwise (its absence or type is ERR-001's and ERR-003's business). */
    private static String textCode(Exchange exchange) {
        return ErrorEnvelope.in(exchange.body()).flatMap(ErrorEnvelope::textCode).orElse(null);
    }
}
