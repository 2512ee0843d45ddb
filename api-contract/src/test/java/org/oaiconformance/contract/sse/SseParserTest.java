package org.oaiconformance.contract.sse;

import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;

public class SseParserTest {

    @Test
    public void commentsSpacesAndLineEndingsFollowTheWhatwgRules() {
        String stream = ": OPENROUTER PROCESSING\r\n\r\ndata:{\"a\":1}\r\n\r\ndata: {\"b\":2}\n\ndata: [DONE]\r\r";
        List<SseEvent> events = SseParser.parseAll(stream);
        assertEquals(events.stream().map(SseEvent::data).toList(), List.of("{\"a\":1}", "{\"b\":2}", "[DONE]"));
    }

    @Test
    public void multiLineDataJoinsWithLineFeed() {
        assertEquals(SseParser.parseAll("data: one\ndata: two\n\n").get(0).data(), "one\ntwo");
    }

    @Test
    public void eventsSplitAcrossReadsAndInsideCrlfAreReassembled() {
        SseParser parser = new SseParser();
        for (String piece : new String[] {"da", "ta: {\"x\"", ":1}\r", "\n", "\r", "\nevent: error\ndata: e\n", "\n"}) {
            parser.feed(piece);
        }
        List<SseEvent> events = parser.finish();
        assertEquals(events.size(), 2);
        assertEquals(events.get(0).data(), "{\"x\":1}");
        assertEquals(events.get(1).type(), "error");
    }

    @Test
    public void anUnterminatedLastEventIsNotDispatched() {
        assertEquals(SseParser.parseAll("data: a\n\ndata: b").size(), 1);
    }
}
