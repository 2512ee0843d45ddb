package org.oaiconformance.auth.bearer;

import io.restassured.http.Method;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.keys.ManagedKey;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.settings.Setting;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where and how a valid key may travel: scheme case, non-standard forms, never the query string or the body. */
public class KeyFormChecks extends ConformanceChecks {

    /**
     * A valid key as a raw header value, under Basic, or in {@code x-api-key}: accepting it is the target's choice
     * (llama.cpp does, OpenAI does not) and is recorded; a 5xx is never right. The key is the one for variants (a
     * throwaway key where one can be made): a target may log what it cannot parse.
     * Verifies: AUTH-011 (docs/evidence.md#r6, R7). If this fails, check the parser for a missing-scheme or decoding error.
     */
    @Test
    @Verifies("AUTH-011")
    public void required_auth011_validKeyInNonStandardFormNeverCausesA5xx() {
        String key = session().keyForVariants();
        String basic = Base64.getEncoder().encodeToString(("conformance:" + key).getBytes(StandardCharsets.UTF_8));
        Map<String, Exchange> answers = new LinkedHashMap<>();
        String which = session().variantsKeyDescription();
        answers.put("raw key without a scheme", probe(Credentials.header(key, which + " without a scheme")));
        answers.put("Basic with the key as password", probe(Credentials.header("Basic " + basic, which + " under Basic")));
        answers.put("x-api-key header", target().send(Method.GET, session().profile().authProbe(),
                new Credentials(List.of(), which + " in x-api-key"), null, Map.of("x-api-key", key)));
        answers.forEach((form, exchange) -> {
            Observations.record(form + ": " + (exchange.status() / 100 == 2 ? "accepted" : "refused") + " (HTTP " + exchange.status() + ")");
            if (exchange.status() >= 500) {
                Expect.fail(exchange, "expected any answer but a 5xx (accepting or refusing are both allowed)");
            }
        });
    }

    /**
     * {@code bearer} and {@code BEARER} get the answer {@code Bearer} gets, on chat completions with a body that runs no
     * model (so a target without a models route is judged on the route that matters).
     * Verifies: AUTH-012 (RFC 9110 §11.1). If this fails, compare the scheme case-insensitively.
     */
    @Test
    @Verifies("AUTH-012")
    public void recommended_auth012_schemeIsCaseInsensitive() {
        Exchange bearer = chatAuthOutcome(target().validKey(), Map.of());
        if (bearer.status() == 401) {
            throw new SkipException("cannot judge: the valid key under 'Bearer' is refused too (HTTP 401): see AUTH-001");
        }
        for (String scheme : new String[] {"bearer", "BEARER"}) {
            Exchange exchange = chatAuthOutcome(Credentials.header(scheme + " " + target().validKeyValue(), "the valid key under '"
                    + scheme + "'"), Map.of());
            if (exchange.status() != bearer.status()) {
                Expect.fail(exchange, "expected HTTP " + bearer.status() + " as under 'Bearer': the scheme is case-insensitive");
            }
        }
    }

    /**
     * A key in {@code ?api_key=} or {@code ?key=} does not authenticate. Sending a long-lived key in a URL would put it
     * in the target's access logs, so this check uses a throwaway key, and is skipped where none can be made.
     * Verifies: AUTH-013 (RFC 6750 §5.3). If this fails, stop reading keys from the query string.
     */
    @Test
    @Verifies("AUTH-013")
    public void recommended_auth013_keyInQueryStringDoesNotAuthenticate() {
        if (!session().provisioner().canCreate()) {
            throw new SkipException("needs a throwaway key, so no long-lived key lands in access logs; set "
                    + Setting.MANAGEMENT_KEY.env() + " for a profile with a key API");
        }
        requireRefusedWithoutKey(target().get(session().profile().authProbe(), Credentials.none()));
        ManagedKey throwaway = session().keys().create("query-string", null);
        try {
            for (String parameter : new String[] {"api_key", "key"}) {
                Exchange exchange = target().get(session().profile().authProbe() + "?" + parameter + "=" + throwaway.secret(),
                        new Credentials(List.of(), "a valid key in ?" + parameter + "= only"));
                if (exchange.status() != 401) {
                    Expect.refused(exchange, Set.of(401));
                }
            }
        } finally {
            session().keys().delete(throwaway);
        }
    }

    /**
     * A key in the JSON body ({@code "api_key": ...}) without an Authorization header does not authenticate. Bodies
     * are logged more often than headers, so this sends the key for variants (a throwaway key where one can be made).
     * Verifies: AUTH-013 (RFC 6750 §2.2 allows form bodies only, and OpenAI none). If this fails, read keys from the header only.
     */
    @Test
    @Verifies("AUTH-013")
    public void recommended_auth013_keyInJsonBodyDoesNotAuthenticate() {
        requireRefusedWithoutKey(chat(Credentials.none()));
        String body = ChatRequests.withExtra(model(), "api_key", session().keyForVariants());
        Exchange exchange = target().post(CHAT, new Credentials(List.of(), session().variantsKeyDescription()
                + " in the JSON body only"), body);
        if (exchange.status() != 401) {
            Expect.refused(exchange, Set.of(401));
        }
    }

    /** A key elsewhere can only be shown not to authenticate where the same request without any key is refused. */
    private static void requireRefusedWithoutKey(Exchange withoutKey) {
        if (withoutKey.status() != 401) {
            throw new SkipException("cannot judge: the same request without any key was not refused (HTTP " + withoutKey.status()
                    + "): see AUTH-002");
        }
    }
}
