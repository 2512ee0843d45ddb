package org.oaiconformance.reports;

import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The badge and the report's banner say the verdict the summary holds, in shields.io's format. */
public class HeadlineTest {

    @Test
    public void aConformantRunShowsItsMustCountInGreen() {
        Headline headline = new Headline("conformant", "success", 42, 42, 0);
        var badge = Badge.of(headline);
        assertEquals(badge.path("schemaVersion").asInt(), 1);
        assertEquals(badge.path("message").asText(), "conformant · 42/42 MUST");
        assertEquals(badge.path("color").asText(), "brightgreen");
        assertTrue(badge.path("label").asText().length() > 0);
    }

    @Test
    public void aPartialRunIsNamedPartialInYellow() {
        Headline headline = new Headline("conformant", "partial", 37, 42, 0);
        assertEquals(Badge.of(headline).path("message").asText(), "partial · 37/42 MUST");
        assertEquals(Badge.of(headline).path("color").asText(), "yellow");
    }

    @Test
    public void aNonConformantRunCountsItsMustFailuresInRed() {
        Headline headline = new Headline("non-conformant", "failure", 39, 42, 3);
        assertEquals(Badge.of(headline).path("message").asText(), "3 MUST failed");
        assertEquals(Badge.of(headline).path("color").asText(), "red");
        assertEquals(headline.banner(), "NON-CONFORMANT · failure · 39/42 MUST passed, 3 failed or broken");
    }

    /** A run of the embedded reference target never reads as a gateway's green. */
    @Test
    public void theReferenceTargetIsNamedOnTheBadgeAndTheBanner() {
        Headline headline = new Headline("conformant", "success", 73, 73, 0, 0, 0, true);
        assertEquals(Badge.of(headline).path("message").asText(), "reference target · conformant · 73/73 MUST");
        assertTrue(headline.banner().startsWith("EMBEDDED REFERENCE TARGET, not a gateway · CONFORMANT"), headline.banner());
    }

    /** Per-model badge files: ids that differ get names that differ ("a/b" and "a_b" collided), and none is hidden or a path. */
    @Test
    public void badgeFileNamesNeverCollide() {
        assertEquals(Badge.fileName("openai/gpt-4o-mini"), "openai_2Fgpt-4o-mini.json");
        assertTrue(!Badge.fileName("a/b").equals(Badge.fileName("a_b")), Badge.fileName("a/b") + " " + Badge.fileName("a_b"));
        assertEquals(Badge.fileName(".."), "_2E..json");
        assertEquals(Badge.fileName("@cf/meta/x"), "_40cf_2Fmeta_2Fx.json");
    }

    /** One escaper: the banner shows a target's text as text, quotes and control characters included. */
    @Test
    public void theBannerEscapesQuotesAndFlattensControlCharacters() throws Exception {
        Path page = Files.createTempFile("index", ".html");
        Files.writeString(page, "<!DOCTYPE html><html><head></head><body></body></html>");
        ReportBanner.addTo(page, new Headline("conformant", "success", 1, 1, 0), "x' onmouseover='alert(1)\u001b]0;t\u0007");
        String html = Files.readString(page);
        assertTrue(html.contains("x&#39; onmouseover=&#39;alert(1)?]0;t?"), html);
        Files.delete(page);
    }

    @Test
    public void theBannerOpensTheReportOnce() throws Exception {
        Path page = Files.createTempFile("index", ".html");
        Files.writeString(page, "<!DOCTYPE html><html><head></head><body><div id=\"content\"></div></body></html>");
        Headline headline = new Headline("conformant", "success", 42, 42, 0);
        ReportBanner.addTo(page, headline, "http://127.0.0.1:1/v1 <profile reference>");
        ReportBanner.addTo(page, headline, "again");
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html><html><head></head><body><div id=\"conformance-verdict\""), html);
        assertTrue(html.contains("CONFORMANT · success · 42/42 MUST passed"), html);
        assertTrue(html.contains("&lt;profile reference&gt;"), "the target is escaped: " + html);
        assertEquals(html.split("conformance-verdict", -1).length, 2, "one banner: " + html);
        Files.delete(page);
    }
}
