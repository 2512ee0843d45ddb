package org.oaiconformance.compat.responses;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.compat.format.SchemaAnswer;
import org.oaiconformance.compat.tools.ToolArguments;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.OptionalFeatures;
import org.oaiconformance.contract.check.OptionalRoute;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.check.RecordedCap;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.PathSegments;
import org.oaiconformance.contract.http.ResponsesRequests;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.outcome.CheckFailed;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.schema.ContractSchema;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.wire.Feature;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * POST responses, OpenAI's Responses API, raw: a string input, a list of message items, an answer cut by
 * max_output_tokens, a stream (its framing, order and text, and the members the SDKs' stream helpers index by), the
 * route's refusals, a forced function call plain and streamed, the tool round trip, a json_schema answer, and the
 * stored responses (read back, continued). Eight billable calls (string, items, cut, stream, call, streamed call, round
 * trip, json_schema), and a ninth where responses are stored (the continuation); the refusals and reads run no model.
 * Where the profile does not claim responses, a 404, 405 or 501 there skips the family with that reason; claimed, it fails.
 */
@PerModel
public class ResponsesChecks extends ConformanceChecks {
    private static final OptionalRoute ROUTE = new OptionalRoute(Feature.RESPONSES, "POST responses", "RESP-006", Setting.MODEL);
    private static final OptionalRoute STORED = new OptionalRoute(Feature.RESPONSES_STATE, "GET responses/{id}", "RESP-006", Setting.MODEL);
    private static final String UNKNOWN_KEY = InventedSecrets.unknownKey(OpenAiWire.UNKNOWN_KEY_PREFIX, "unknown-key");
    /** One fault, one verdict: usage and created_at are RESP-001's to judge; the other checks judge the rest of the schema. */
    private static final Predicate<String> NOT_RESP001 = path -> !path.startsWith("/usage") && !path.startsWith("/created_at");

    /** Verifies: RESP-001 (docs/evidence.md#r33). If this fails, answer with a response object whose usage adds up. */
    @Test
    @Verifies("RESP-001")
    public void required_resp001_aStringInputGetsAResponseObject() {
        Exchange exchange = served(stringAnswer());
        JsonNode response = conforming(exchange, path -> true);
        JsonNode usage = response.path("usage");
        if (!usage.isObject()) {
            Expect.fail(exchange, "expected usage with input_tokens, output_tokens and total_tokens");
        }
        long input = usage.path("input_tokens").asLong();
        long output = usage.path("output_tokens").asLong();
        if (usage.path("total_tokens").asLong() != input + output) {
            Expect.fail(exchange, "expected usage.total_tokens " + (input + output) + " (input_tokens + output_tokens), got "
                    + usage.path("total_tokens"));
        }
        within(exchange, usage.path("input_tokens_details").path("cached_tokens"), input, "input_tokens_details.cached_tokens", "input_tokens");
        within(exchange, usage.path("output_tokens_details").path("reasoning_tokens"), output, "output_tokens_details.reasoning_tokens", "output_tokens");
        Observations.record("status " + response.path("status").asText() + ", text \"" + ResponseText.of(response) + "\"");
    }

    /** Verifies: RESP-002 (docs/evidence.md#r33). If this fails, read input as a list of message items too. */
    @Test
    @Verifies("RESP-002")
    public void required_resp002_messageItemsAreAnsweredAsAStringIs() {
        conforming(served(itemsAnswer()), NOT_RESP001);
    }

    /** Verifies: RESP-003 (docs/evidence.md#r33). If this fails, end a cut answer with status incomplete and its reason. */
    @Test
    @Verifies("RESP-003")
    public void required_resp003_anAnswerCutByMaxOutputTokensIsIncomplete() {
        Exchange exchange = served(post(ResponsesRequests.cutShort(model())));
        Expect.status(exchange, 200);
        JsonNode response = exchange.json();
        JsonNode outputTokens = response.path("usage").path("output_tokens");
        int cap = RecordedCap.of(exchange, ResponsesRequests.CUT_AT, "max_output_tokens", "RESP-003");
        if (outputTokens.asLong() > cap) {
            Expect.fail(exchange, "expected at most " + cap + " output_tokens for max_output_tokens " + cap + ", got " + outputTokens);
        }
        String status = response.path("status").asText();
        if (status.equals("completed") && outputTokens.isIntegralNumber() && outputTokens.asLong() < cap) {
            throw new SkipException("cannot judge: the model ended its answer itself within the cap (" + outputTokens + " tokens)");
        }
        if (!status.equals("incomplete") || !"max_output_tokens".equals(response.path("incomplete_details").path("reason").asText(null))) {
            Expect.fail(exchange, "expected status \"incomplete\" with incomplete_details.reason \"max_output_tokens\" for an answer"
                    + " cut at " + cap + " tokens, got status " + response.path("status") + " and incomplete_details "
                    + response.path("incomplete_details") + ": a client takes a cut answer for a whole one");
        }
    }

    /** Verifies: RESP-004 (docs/evidence.md#r33). If this fails, name each event by its type, number it, and end with response.completed. */
    @Test
    @Verifies("RESP-004")
    public void required_resp004_aStreamIsNamedNumberedAndComplete() {
        ResponseStream stream = stream();
        stream.judgeFraming();
        JsonNode response = stream.terminalResponse();
        Expect.conformsTo(stream.exchange(), response.toString(), ContractSchema.RESPONSE, NOT_RESP001, "the terminal event's response");
        if (!response.path("status").asText().equals("failed")) {
            stream.judgeText(ResponseText.of(response));
        }
        Observations.record(stream.describe());
    }

    /** Verifies: RESP-005 (docs/evidence.md#r33). If this fails, send the members the SDKs' stream helpers index by. */
    @Test
    @Verifies("RESP-005")
    public void required_resp005_streamEventsCarryWhatTheSdkHelpersIndexBy() {
        streamOrSkip().judgeIndexes();
    }

    /** Verifies: RESP-006 (docs/evidence.md#r33). If this fails, authenticate and validate responses as chat completions. */
    @Test
    @Verifies("RESP-006")
    public void required_resp006_refusalsOnTheRouteAreEnvelopedWith401And400() {
        String body = ResponsesRequests.text(model());
        for (Credentials credentials : new Credentials[] {Credentials.none(), Credentials.bearer(UNKNOWN_KEY, "an unknown key")}) {
            Exchange exchange = ROUTE.routed(target().post(ResponsesRequests.PATH, credentials, body), session().profile(), model());
            Expect.refusedWith401(exchange);
            Expect.errorEnvelope(exchange);
        }
        Exchange invalid = served(post(ResponsesRequests.withoutInput(model())));
        Expect.refused(invalid, Set.of(400, 422));
        Expect.errorEnvelope(invalid);
        Exchange unknownModel = post(ResponsesRequests.text(OpenAiWire.UNKNOWN_MODEL));
        if (unknownModel.status() / 100 == 5) {
            Expect.fail(unknownModel, "expected a 4xx for a model that does not exist: every SDK retries a 5xx");
        }
        if (unknownModel.status() / 100 == 2) { // a single-model server may serve any name; ERR-004 (SHOULD) judges that on chat
            Observations.record("a model that does not exist was served (HTTP " + unknownModel.status() + ")");
            return;
        }
        Expect.errorEnvelope(unknownModel);
        if (!session().profile().unknownModel().accepts(unknownModel.status())) {
            Observations.record("an unknown model is refused with HTTP " + unknownModel.status() + " here; the '" + session().profile().name()
                    + "' profile documents " + session().profile().unknownModel().describe() + " (ERR-004 holds chat completions to it)");
        }
    }

    /** Verifies: RESP-007 (docs/evidence.md#r33). If this fails, answer a named tool_choice with a function_call of it. */
    @Test
    @Verifies("RESP-007")
    public void required_resp007_aForcedFunctionIsCalledWithConformingArguments() {
        Exchange exchange = served(post(ResponsesRequests.forcedTool(model(), false)));
        OptionalFeatures.served(exchange, Feature.TOOLS, session().profile());
        Expect.conformsTo(exchange, exchange.body(), ContractSchema.RESPONSE, NOT_RESP001, "the response");
        judgeCalls(exchange, exchange.json());
    }

    /** Verifies: RESP-008 (docs/evidence.md#r33). If this fails, stream the arguments as deltas that join to the item's. */
    @Test
    @Verifies("RESP-008")
    public void required_resp008_streamedArgumentsJoinToTheCallsArguments() {
        Exchange exchange = served(post(ResponsesRequests.forcedTool(model(), true)));
        if (exchange.status() != 200 && !OptionalFeatures.declines(exchange, Feature.TOOLS)) {
            streamOrSkip(); // a target whose streams all break fails RESP-004 alone
        }
        OptionalFeatures.served(exchange, Feature.TOOLS, session().profile());
        ResponseStream stream;
        try {
            stream = ResponseStream.of(exchange);
        } catch (CheckFailed noStream) {
            streamOrSkip(); // one fault, one verdict: a target that streams nothing fails RESP-004 alone
            throw noStream;
        }
        JsonNode response = stream.terminalResponse();
        judgeCalls(exchange, response);
        stream.judgeArguments(response);
    }

    /** Verifies: RESP-009 (docs/evidence.md#r33). If this fails, read function_call and function_call_output input items. */
    @Test
    @Verifies("RESP-009")
    public void required_resp009_aToolRoundTripIsAnsweredWithText() {
        Exchange exchange = served(post(ResponsesRequests.toolRoundTrip(model())));
        JsonNode response = servedWith(Feature.TOOLS, exchange);
        if (ResponseText.of(response).isBlank() && response.path("status").asText().equals("completed")) {
            Expect.fail(exchange, "expected text answering the tool's output (tool_choice none), got none");
        }
        Observations.record("answered \"" + ResponseText.of(response) + "\"");
    }

    /** Verifies: RESP-010 (docs/evidence.md#r33). If this fails, constrain the output text to text.format's schema. */
    @Test
    @Verifies("RESP-010")
    public void required_resp010_jsonSchemaOutputConforms() {
        Exchange exchange = served(post(ResponsesRequests.jsonSchema(model())));
        JsonNode response = servedWith(Feature.JSON_SCHEMA, exchange);
        String problem = SchemaAnswer.problem(ResponseText.of(response));
        if (problem != null) {
            Expect.fail(exchange, problem.replace("response_format", "text.format")); // the same rule as FMT-002, asked the Responses way
        }
    }

    /** Verifies: RESP-014 (docs/evidence.md#r33). If this fails, answer text.format json_object with a JSON object. */
    @Test
    @Verifies("RESP-014")
    public void recommended_resp014_jsonObjectOutputIsAnObject() {
        Exchange exchange = served(post(ResponsesRequests.jsonObject(model())));
        JsonNode response = servedWith(Feature.JSON_OBJECT, exchange);
        String text = ResponseText.of(response);
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (IOException notJson) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            Expect.fail(exchange, "expected the output text to parse as a JSON object for text.format json_object", "output text: " + text);
        }
    }

    /** Verifies: RESP-011 (docs/evidence.md#r33). If this fails, keep each response and answer GET responses/{id} with it. */
    @Test
    @Verifies("RESP-011")
    public void required_resp011_aStoredResponseIsReadBack() {
        String id = anyStoredId();
        Exchange created = stringAnswer();
        if (!PathSegments.isSafe(id)) {
            Expect.fail(created, "expected a response id a client can put in GET responses/{id} (one plain path segment: letters, digits,"
                    + " ._~:@+-); got '" + shortly(id) + "', which the suite does not send");
        }
        Exchange read = STORED.routed(readBack(id), session().profile(), model());
        Expect.status(read, 200);
        JsonNode original = created.json();
        JsonNode stored = read.json();
        if (!id.equals(stored.path("id").asText()) || !original.path("status").equals(stored.path("status"))
                || !ResponseText.of(original).equals(ResponseText.of(stored))) {
            Expect.fail(read, "expected the stored response " + id + " as it was answered (status " + original.path("status") + ", text \""
                    + ResponseText.of(original) + "\"), got id " + stored.path("id") + ", status " + stored.path("status") + ", text \""
                    + ResponseText.of(stored) + "\"");
        }
    }

    /** Verifies: RESP-012 (docs/evidence.md#r33). If this fails, answer an id never issued with 404 and the envelope. */
    @Test
    @Verifies("RESP-012")
    public void required_resp012_anUnknownResponseIdIsRefusedWith404() {
        if (readBack(storedId()).status() != 200) {
            throw new SkipException("cannot judge: no stored response could be read back, so a 404 would say nothing: see RESP-011");
        }
        Exchange unknown = target().get(ResponsesRequests.PATH + "/resp_" + InventedSecrets.random("").substring(0, 32), target().validKey());
        Expect.status(unknown, 404);
        Expect.errorEnvelope(unknown);
    }

    /**
     * Verifies: RESP-013 (docs/evidence.md#r33). If this fails, put the stored response's turn before the new input, and
     * refuse an unknown previous_response_id with the envelope.
     */
    @Test
    @Verifies("RESP-013")
    public void required_resp013_previousResponseIdContinuesAStoredResponse() {
        if (readBack(storedId()).status() != 200) {
            throw new SkipException(session().profile().claims(Feature.RESPONSES_STATE)
                    ? "cannot judge: no stored response could be read back: see RESP-011"
                    : "not supported by this target: responses_state (no stored response could be read back; RESP-011 judges it)");
        }
        Exchange unknown = post(ResponsesRequests.continuation(model(), "resp_" + InventedSecrets.random("").substring(0, 32)));
        Expect.refused(unknown, Set.of(400, 404));
        Expect.errorEnvelope(unknown);
        Exchange stored = itemsAnswer();
        if (stored.status() != 200 || !stored.json().path("id").isTextual()) {
            throw new SkipException("cannot judge: the message items got no response to continue: see RESP-002");
        }
        JsonNode before = stored.json().path("usage");
        Exchange continued = served(post(ResponsesRequests.continuation(model(), stored.json().path("id").asText())));
        JsonNode response = conforming(continued, NOT_RESP001);
        long carried = before.path("input_tokens").asLong() + before.path("output_tokens").asLong()
                - before.path("output_tokens_details").path("reasoning_tokens").asLong();
        JsonNode input = response.path("usage").path("input_tokens");
        if (!input.isIntegralNumber() || !before.path("input_tokens").isIntegralNumber()) {
            throw new SkipException("cannot judge: usage.input_tokens is missing, so what came before the new input cannot be told: see RESP-001");
        }
        if (input.asLong() < carried) {
            Expect.fail(continued, "expected usage.input_tokens of at least " + carried + " (the stored response's " + before.path("input_tokens")
                    + " input and " + (carried - before.path("input_tokens").asLong()) + " visible output tokens come before the new input), got "
                    + input + ": previous_response_id was not continued");
        }
        Observations.record("continued " + stored.json().path("id").asText() + ": input_tokens " + input + ", of which the stored turn " + carried);
    }

    /** RESP-002's answer, asked once: RESP-013 continues it. */
    private Exchange itemsAnswer() {
        return once("the items answer", () -> post(ResponsesRequests.items(model())));
    }

    /** The id of RESP-001's answer, to read back; a skip naming RESP-001 when there is none. */
    /** The string answer's id, if it is one plain path segment; else the checks that read it back cannot judge (RESP-011 fails it). */
    private String storedId() {
        String id = anyStoredId();
        if (!PathSegments.isSafe(id)) {
            throw new SkipException("cannot judge: the response id is not one plain path segment, so it is never sent: see RESP-011");
        }
        return id;
    }

    /** A target-chosen id as a message shows it: one line, at most 60 characters. */
    private static String shortly(String id) {
        String flat = Markup.console(id);
        return flat.length() > 60 ? flat.substring(0, 60) + "..." : flat;
    }

    private String anyStoredId() {
        String id;
        try {
            Exchange created = served(stringAnswer());
            id = created.status() == 200 ? created.json().path("id").asText("") : "";
        } catch (CheckFailed notServed) {
            throw new SkipException("cannot judge: the string request got no response to read back: see RESP-001");
        }
        if (id.isEmpty()) {
            throw new SkipException("cannot judge: the string answer holds no response id to read back: see RESP-001");
        }
        return id;
    }

    /** RESP-001's answer, asked once: RESP-011 and RESP-012 read it back. */
    private Exchange stringAnswer() {
        return once("the string answer", () -> post(ResponsesRequests.text(model())));
    }

    /** GET responses/{id} with the configured key, once per id. */
    private Exchange readBack(String id) {
        return once("read back " + id, () -> target().get(ResponsesRequests.PATH + "/" + id, target().validKey()));
    }

    /** Function calls of get_weather only, each with a call_id and arguments a JSON string conforming to its parameters. */
    private static void judgeCalls(Exchange exchange, JsonNode response) {
        List<JsonNode> calls = new ArrayList<>();
        response.path("output").forEach(item -> {
            if (item.path("type").asText().equals("function_call")) {
                calls.add(item);
            }
        });
        if (calls.isEmpty()) {
            Expect.fail(exchange, "expected a function_call output item for a tool_choice naming get_weather, found none"
                    + (ResponseText.of(response).isEmpty() ? "" : " (text: " + ResponseText.of(response) + ")"));
        }
        for (JsonNode call : calls) {
            if (!call.path("call_id").isTextual() || call.path("call_id").asText().isEmpty() || !"get_weather".equals(call.path("name").asText())) {
                Expect.fail(exchange, "expected a function_call of get_weather with a call_id, found " + call);
            }
            JsonNode arguments = call.path("arguments");
            String problem = arguments.isTextual() ? ToolArguments.problem("get_weather", arguments.asText())
                    : "expected arguments to be a string holding JSON, found " + arguments.getNodeType().name().toLowerCase(Locale.ROOT);
            if (problem != null) {
                Expect.fail(exchange, problem + " (arguments: " + arguments + ")");
            }
        }
    }

    /** The text stream, or a skip pointing at RESP-004 when it is no stream of JSON events (RESP-004 fails it). */
    private ResponseStream streamOrSkip() {
        Exchange exchange = streamExchange(); // a missing route fails or skips here, as in every check
        try {
            return ResponseStream.of(exchange);
        } catch (CheckFailed noStream) {
            throw new SkipException("cannot judge: the answer to stream: true is no stream of JSON events: see RESP-004");
        }
    }

    /** The stream RESP-004 and RESP-005 judge, asked once. */
    private ResponseStream stream() {
        return ResponseStream.of(streamExchange());
    }

    private Exchange streamExchange() {
        return served(once("the stream", () -> post(ResponsesRequests.streaming(model()))));
    }

    /** An answer using an optional feature: declined cleanly it is skipped (failed where claimed); served, it must conform. */
    private JsonNode servedWith(Feature feature, Exchange exchange) {
        OptionalFeatures.served(exchange, feature, session().profile());
        return conforming(exchange, NOT_RESP001);
    }

    /** A 200 conforming to the response schema whose status is one a finished request can have, with its message. */
    private static JsonNode conforming(Exchange exchange, Predicate<String> owns) {
        Expect.status(exchange, 200);
        Expect.conformsTo(exchange, exchange.body(), ContractSchema.RESPONSE, owns, "the response");
        JsonNode response = exchange.json();
        String status = response.path("status").asText();
        if (status.equals("incomplete") && !response.path("incomplete_details").path("reason").isTextual()) {
            Expect.fail(exchange, "expected incomplete_details.reason beside status \"incomplete\"");
        }
        if (!status.equals("completed") && !status.equals("incomplete")) {
            Expect.fail(exchange, "expected status \"completed\" (or \"incomplete\" with its reason) for a request without background,"
                    + " got " + response.path("status"));
        }
        if (status.equals("completed") && ResponseText.messages(response).isEmpty()) {
            Expect.fail(exchange, "expected a completed response to hold a message output item with output_text content");
        }
        return response;
    }

    private static void within(Exchange exchange, JsonNode detail, long total, String detailName, String totalName) {
        if (detail.isIntegralNumber() && detail.asLong() > total) {
            Expect.fail(exchange, "expected usage." + detailName + " (" + detail + ") within usage." + totalName + " (" + total + ")");
        }
    }

    private Exchange post(String body) {
        return target().post(ResponsesRequests.PATH, target().validKey(), body);
    }

    private Exchange served(Exchange exchange) {
        return ROUTE.served(exchange, session().profile(), model());
    }
}
