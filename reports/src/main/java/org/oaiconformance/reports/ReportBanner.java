package org.oaiconformance.reports;

import org.oaiconformance.contract.outcome.Markup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the verdict at the top of the Allure report, above every page: Allure's overview shows a pass percentage, and a
 * reviewer opening index.html should read CONFORMANT / NON-CONFORMANT, the result and the MUST count first.
 */
final class ReportBanner {
    static final String ID = "conformance-verdict";

    private ReportBanner() {
    }

    static void addTo(Path indexHtml, Headline headline, String target) throws IOException {
        String page = Files.readString(indexHtml, StandardCharsets.UTF_8);
        int body = page.indexOf("<body>");
        if (body < 0 || page.contains("id=\"" + ID + "\"")) {
            return;
        }
        String banner = "<div id=\"" + ID + "\" style=\"position:relative;z-index:1000;padding:10px 16px;color:#fff;background:"
                + headline.cssColor() + ";font:600 16px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif\">"
                + Markup.html(Markup.console(headline.banner())) + "<span style=\"font-weight:400\"> — " + Markup.html(Markup.console(target))
                + "</span></div>";
        int at = body + "<body>".length();
        Files.writeString(indexHtml, page.substring(0, at) + banner + page.substring(at), StandardCharsets.UTF_8);
    }
}
