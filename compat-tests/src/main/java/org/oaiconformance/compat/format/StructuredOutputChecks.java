package org.oaiconformance.compat.format;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.compat.tools.StreamedAnswer;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.wire.Feature;
import org.testng.annotations.Test;

import java.io.IOException;

/** response_format honoured, not ignored (answered 200 with prose is the common failure). Three billable calls. */
@PerModel
public class StructuredOutputChecks extends ConformanceChecks {

    /** Verifies: FMT-001 (docs/evidence.md#r23). If this fails, answer json_object requests with a JSON object. */
    @Test
    @Verifies("FMT-001")
    public void recommended_fmt001_jsonObjectModeGivesAJsonObject() {
        Exchange exchange = askWith(Feature.JSON_OBJECT, FeatureRequests.jsonObject(model()));
        JsonNode content = exchange.json().path("choices").path(0).path("message").path("content");
        Expect.isText(exchange, content, "message.content");
        JsonNode parsed = parse(content.asText());
        if (parsed == null || !parsed.isObject()) {
            Expect.fail(exchange, "expected the content to parse as a JSON object", "content: " + content.asText());
        }
    }

    /** Verifies: FMT-002 (docs/evidence.md#r23). If this fails, constrain the answer to the json_schema given. */
    @Test
    @Verifies("FMT-002")
    public void required_fmt002_jsonSchemaIsFollowed() {
        Exchange exchange = askWith(Feature.JSON_SCHEMA, FeatureRequests.jsonSchema(model(), false));
        JsonNode content = exchange.json().path("choices").path(0).path("message").path("content");
        Expect.isText(exchange, content, "message.content");
        conforms(exchange, content.asText());
    }

    /** Verifies: FMT-003 (docs/evidence.md#r23). If this fails, constrain streamed answers to the json_schema too. */
    @Test
    @Verifies("FMT-003")
    public void required_fmt003_streamedJsonSchemaIsFollowed() {
        Exchange exchange = askWith(Feature.JSON_SCHEMA, FeatureRequests.jsonSchema(model(), true));
        StringBuilder content = StreamedAnswer.of(exchange.body()).content.get(0);
        conforms(exchange, content == null ? "" : content.toString());
    }

    private static void conforms(Exchange exchange, String content) {
        String problem = SchemaAnswer.problem(content);
        if (problem != null) {
            Expect.fail(exchange, problem, "content: " + content);
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException notJson) {
            return null;
        }
    }
}
