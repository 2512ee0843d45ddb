package org.oaiconformance.contract.http;

import io.qameta.allure.Allure;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.metrics.Timings;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.recording.ReplayTarget;
import org.oaiconformance.contract.secrets.SecretMasker;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The one filter every request passes through: it attaches the exchange to the Allure result with secrets masked,
 * and meters requests, billable calls and tokens; a stream's longest silence becomes an observation of the check.
 */
public final class ExchangeRecorder implements Filter {
    private static final int MAX_ATTACHED_BODY = 64 * 1024;
    private final RunMetrics metrics;

    public ExchangeRecorder(RunMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        long start = System.nanoTime();
        Response response = context.next(request, responseSpec);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Timings.first("first request (REST Assured, Jackson and HTTP client warm-up)", millis);
        String body = response.asString();
        OptionalLong silence = LongestSilence.takeLast();
        boolean replayed = response.header(ReplayTarget.REPLAYED_HEADER) != null;
        boolean stream = String.valueOf(response.getContentType()).toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        if (stream && !replayed && silence.isPresent()) { // a recording's pauses are the replay's, not the target's
            metrics.streamSilence(silence.getAsLong());
            Observations.record(LongestSilence.describe(silence.getAsLong()));
        }
        if (!replayed) {
            metrics.record(request.getMethod(), request.getURI(), response.statusCode(), body);
        } else {
            metrics.record(request.getMethod(), request.getURI(), 0, body); // a recorded answer: no call was billed for it
        }

        StringBuilder text = new StringBuilder();
        text.append(request.getMethod()).append(' ').append(request.getURI()).append('\n');
        for (Header header : request.getHeaders()) {
            text.append(header.getName()).append(": ").append(header.getValue()).append('\n');
        }
        Object requestBody = request.getBody();
        if (requestBody != null) {
            text.append('\n').append(requestBody instanceof byte[] bytes ? new String(bytes) : requestBody).append('\n');
        }
        text.append("\n--> HTTP ").append(response.statusCode()).append(" in ").append(millis).append(" ms")
                .append(silence.isPresent() ? ", longest silence " + silence.getAsLong() + " ms" : "").append('\n');
        for (Header header : response.getHeaders()) {
            text.append(header.getName()).append(": ").append(header.getValue()).append('\n');
        }
        String maskedBody = SecretMasker.mask(body); // masked before it is cut, so no piece of a key survives the cut
        text.append('\n');
        String maskedText = SecretMasker.mask(text.toString()) + (maskedBody.length() > MAX_ATTACHED_BODY
                ? maskedBody.substring(0, MAX_ATTACHED_BODY) + "\n… (" + body.length() + " chars in all)" : maskedBody);

        String title = request.getMethod() + " " + pathOf(request.getURI()) + " -> " + response.statusCode();
        Allure.addAttachment(SecretMasker.maskLine(title), "text/plain", maskedText, ".txt");
        return response;
    }

    private static String pathOf(String uri) {
        int scheme = uri.indexOf("://");
        int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
        return slash < 0 ? uri : uri.substring(slash);
    }
}
