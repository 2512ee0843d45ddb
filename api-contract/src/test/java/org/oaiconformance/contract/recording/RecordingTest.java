package org.oaiconformance.contract.recording;

import org.testng.Assert;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

public class RecordingTest {

    /** A long streamed cassette (over SnakeYAML's default 3 MiB) is read; past the suite's stated limit, the error says so. */
    @Test
    public void largeCassettesAreReadUpToTheStatedLimit() throws Exception {
        Path cassette = Files.createTempFile("long-stream", ".yaml");
        try {
            Files.writeString(cassette, cassette(4 << 20));
            long start = System.nanoTime();
            assertEquals(Recording.load(List.of(cassette)).exchanges().size(), 1);
            Files.writeString(cassette, cassette(Recording.MAX_YAML_CHARS + 1024));
            start = System.nanoTime();
            Exception refused = Assert.expectThrows(Exception.class, () -> Recording.load(List.of(cassette)));
            long refusedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(refusedMs < 2_000, "refused only after " + refusedMs + " ms");
            String why = Recording.whyUnreadable(refused);
            assertTrue(why.contains((Recording.MAX_YAML_CHARS >> 20) + " MiB"), why);
        } finally {
            Files.delete(cassette);
        }
    }

    /** A recorded model is shown only if it looks like a model id: a recording is untrusted input to the report. */
    @Test
    public void onlyAModelIdIsTakenAsTheRecordedModel() throws Exception {
        Path har = Files.createTempFile("session", ".har");
        try {
            Files.writeString(har, har("openai/gpt-4o-mini"));
            assertEquals(Recording.load(List.of(har)).model(), "openai/gpt-4o-mini");
            Files.writeString(har, har("x\\\"><img src=x onerror=alert(1)>"));
            assertNull(Recording.load(List.of(har)).model());
        } finally {
            Files.delete(har);
        }
    }

    private static String cassette(int bodyChars) {
        String body = "data: " + "x".repeat(bodyChars) + "\\n";
        return "interactions:\n- request:\n    method: POST\n    uri: https://api.example/v1/chat/completions\n    body: '{}'\n"
                + "  response:\n    status: {code: 200}\n    headers: {}\n    body: {string: \"" + body + "\"}\n";
    }

    private static String har(String model) {
        return "{\"log\":{\"entries\":[{\"request\":{\"method\":\"POST\",\"url\":\"https://api.example/v1/chat/completions\",\"headers\":[],"
                + "\"postData\":{\"text\":\"{\\\"model\\\":\\\"" + model + "\\\"}\"}},\"response\":{\"status\":200,\"headers\":[],"
                + "\"content\":{\"text\":\"{}\"}}}]}}";
    }
}
