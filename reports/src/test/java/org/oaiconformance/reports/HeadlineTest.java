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
    public void aPartialRunIsConformantInYellow() {
        Headline headline = new Headline("conformant", "partial", 37, 42, 0);
        assertEquals(Badge.of(headline).path("message").asText(), "conformant · 37/42 MUST");
        assertEquals(Badge.of(headline).path("color").asText(), "yellow");
    }

    @Test
    public void aNonConformantRunCountsItsMustFailuresInRed() {
        Headline headline = new Headline("non-conformant", "failure", 39, 42, 3);
        assertEquals(Badge.of(headline).path("message").asText(), "3 MUST failed");
        assertEquals(Badge.of(headline).path("color").asText(), "red");
        assertEquals(headline.banner(), "NON-CONFORMANT · failure · 39/42 MUST passed, 3 failed or broken");
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
