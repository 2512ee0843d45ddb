package org.oaiconformance.contract.http;

import org.apache.http.ConnectionClosedException;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.MalformedChunkCodingException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.ProtocolException;
import org.apache.http.TruncatedChunkException;
import org.apache.http.client.methods.AbortableHttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.utils.URIUtils;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.metrics.RunMetrics;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * REST Assured's HTTP client, made safe against slow, overloaded and broken targets:
 * <ul>
 *   <li>a deadline for the whole exchange, body included (a stream that drips forever never trips a read timeout),
 *       and a cap on how much of a body is read;</li>
 *   <li>every attempt takes a {@link Courtesy} permit, and a 429 is waited out as its {@code Retry-After} asks, then
 *       asked again (at most {@value #MAX_RATE_LIMIT_RETRIES} times) — never judged as the target's answer;</li>
 *   <li>a failure is classified in one line: before the answer's head arrived, the suite could not judge
 *       ({@link TargetUnavailable}); after it, the target broke its answer ({@link TargetMisbehaved});</li>
 *   <li>nothing is re-sent silently: Apache's automatic retry of failed requests is off.</li>
 * </ul>
 * REST Assured builds one client per request, so each instance serves one exchange.
 */
@SuppressWarnings("deprecation") // DefaultHttpClient is what REST Assured itself builds and configures
final class BoundedHttpClient extends DefaultHttpClient {
    static final int MAX_RATE_LIMIT_RETRIES = 3;
    private static final long MAX_RETRY_AFTER_MS = 60_000;

    private final HttpBounds bounds;
    private final Courtesy courtesy;

    BoundedHttpClient(HttpBounds bounds, Courtesy courtesy) {
        this.bounds = bounds;
        this.courtesy = courtesy;
        setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
        // Bytes that are not a status line end the exchange at once, instead of being skipped while waiting for one.
        getParams().setIntParameter("http.connection.max-status-line-garbage", 0);
    }

    @Override
    public CloseableHttpResponse execute(HttpUriRequest request) throws IOException {
        return execute(request, (HttpContext) null);
    }

    @Override
    public CloseableHttpResponse execute(HttpUriRequest request, HttpContext context) throws IOException {
        return execute(URIUtils.extractHost(request.getURI()), request, context);
    }

    @Override
    public CloseableHttpResponse execute(HttpHost target, HttpRequest request) throws IOException {
        return execute(target, request, (HttpContext) null);
    }

    /** Every request passes here: the other overloads delegate, and the ResponseHandler ones call this one. */
    @Override
    public CloseableHttpResponse execute(HttpHost target, HttpRequest request, HttpContext context) throws IOException {
        long deadlineAt = 0;
        for (int tries = 1; ; tries++) {
            Courtesy.Permit permit = courtesy.acquire();
            if (tries == 1) { // the target's time starts when the request may go out, not while the suite queues it
                deadlineAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bounds.deadlineMs());
            }
            Attempt attempt = new Attempt(permit, request, deadlineAt, courtesy.metrics());
            CloseableHttpResponse response;
            try {
                response = super.execute(target, request, context);
            } catch (IOException e) {
                attempt.finish();
                throw courtesy.stoppedReason() != null ? cutOff() : attempt.expired.get() ? bounds.noAnswerInTime() : bounds.beforeTheAnswer(e);
            }
            attempt.silence.arrived(); // the head
            if (response.getStatusLine().getStatusCode() != 429 || isOutOfQuota(response)) {
                HttpEntity entity = response.getEntity();
                if (entity == null) {
                    attempt.finish();
                } else {
                    response.setEntity(new BoundedEntity(entity, attempt));
                }
                return response;
            }
            long waitMs = RetryAfter.millis(response, tries);
            EntityUtils.consumeQuietly(response.getEntity());
            response.close();
            attempt.finish();
            courtesy.metrics().rateLimited(waitMs);
            if (tries > MAX_RATE_LIMIT_RETRIES) {
                throw new TargetUnavailable("the target kept answering 429 (rate limited) after " + MAX_RATE_LIMIT_RETRIES
                        + " waits as its Retry-After asked; lower CONFORMANCE_CONCURRENCY or CONFORMANCE_MAX_RPS");
            }
            if (waitMs > MAX_RETRY_AFTER_MS || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) > deadlineAt || !repeatable(request)) {
                throw new TargetUnavailable("the target answered 429 (rate limited) and asked to wait " + waitMs / 1000
                        + " s, past this request's deadline (CONFORMANCE_REQUEST_DEADLINE_MS)");
            }
            courtesy.pauseFor(waitMs); // the next attempt, everyone else's too, waits until then
        }
    }

    /** Largest 429 body read to tell "out of quota" from "slow down"; a quota error is a few hundred bytes. */
    private static final int QUOTA_PEEK_BYTES = 16 * 1024;

    /**
     * A 429 whose error says {@code insufficient_quota} (OpenAI's answer to a key over its quota) is the answer to
     * judge, not a request to slow down: waiting cannot change it, so it is never retried and pauses nobody. The body
     * is read here (bounded) and kept for the check.
     */
    private static boolean isOutOfQuota(CloseableHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return false;
        }
        byte[] body;
        try (InputStream in = entity.getContent()) {
            body = in.readNBytes(QUOTA_PEEK_BYTES);
        }
        org.apache.http.entity.ByteArrayEntity kept = new org.apache.http.entity.ByteArrayEntity(body);
        kept.setContentType(entity.getContentType());
        response.setEntity(kept);
        return ErrorEnvelope.in(new String(body, StandardCharsets.UTF_8))
                .map(ErrorEnvelope::isInsufficientQuota).orElse(false);
    }

    /** The run was stopped while this exchange was in flight: the suite, not the target, cut it. */
    private TargetUnavailable cutOff() {
        return new TargetUnavailable("cut off: " + courtesy.stoppedReason());
    }

    private static boolean repeatable(HttpRequest request) {
        return !(request instanceof HttpEntityEnclosingRequest enclosing) || enclosing.getEntity() == null
                || enclosing.getEntity().isRepeatable();
    }

    /**
     * One try: holds its courtesy permit until the answer is read (or abandoned), aborts at the deadline, and
     * reports its latency once.
     */
    private static final class Attempt {
        private final Courtesy.Permit permit;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean expired = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final ScheduledFuture<?> abort;
        private final RunMetrics metrics;
        private final LongestSilence silence = new LongestSilence(startNanos);

        Attempt(Courtesy.Permit permit, HttpRequest request, long deadlineAt, RunMetrics metrics) {
            this.permit = permit;
            this.metrics = metrics;
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineAt - startNanos));
            this.abort = Watchdog.after(remainingMs, () -> {
                expired.set(true);
                abort(request);
                finish(); // a permit never outlives the deadline, even if nobody reads the body
            });
            permit.abortWith(() -> abort(request));
        }

        private static void abort(HttpRequest request) {
            if (request instanceof AbortableHttpRequest abortable) {
                abortable.abort();
            }
        }

        void finish() {
            if (finished.compareAndSet(false, true)) {
                abort.cancel(false);
                permit.close();
                metrics.latency(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            }
        }
    }

    /** The body as read by REST Assured: counted against the cap, the attempt finished once it is read. */
    private final class BoundedEntity extends HttpEntityWrapper {
        private final Attempt attempt;

        BoundedEntity(HttpEntity entity, Attempt attempt) {
            super(entity);
            this.attempt = attempt;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                private long read;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n;
                    try {
                        n = super.read(buffer, offset, length);
                    } catch (IOException e) {
                        attempt.finish();
                        throw courtesy.stoppedReason() != null ? cutOff() : attempt.expired.get() ? bounds.unfinishedInTime() : bounds.midAnswer(e);
                    }
                    if (n < 0) {
                        attempt.finish();
                        attempt.silence.publish();
                        return n;
                    }
                    attempt.silence.arrived();
                    read += n;
                    if (read > bounds.maxBodyBytes()) {
                        attempt.finish();
                        throw new TargetMisbehaved("the answer is larger than the " + bounds.maxBodyBytes()
                                + " bytes the suite reads (CONFORMANCE_MAX_BODY_BYTES)");
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    attempt.finish();
                    attempt.silence.publish();
                    super.close();
                }
            };
        }
    }

    /** The bounds an exchange runs under, and the one-line reasons for breaking them. */
    record HttpBounds(int connectTimeoutMs, int readTimeoutMs, long deadlineMs, long maxBodyBytes) {

        TargetUnavailable noAnswerInTime() {
            return new TargetUnavailable("the target sent no complete answer head within the request deadline of " + deadlineMs
                    + " ms (CONFORMANCE_REQUEST_DEADLINE_MS)");
        }

        TargetMisbehaved unfinishedInTime() {
            return new TargetMisbehaved("the target did not finish its answer within the request deadline of " + deadlineMs
                    + " ms (CONFORMANCE_REQUEST_DEADLINE_MS)");
        }

        /** Nothing to judge yet: the request never got an answer. */
        IOException beforeTheAnswer(IOException e) {
            if (e instanceof TargetUnavailable || e instanceof TargetMisbehaved) {
                return e;
            }
            if (e instanceof SSLException) {
                return new TargetUnavailable("TLS with the target failed (" + firstLine(e) + "). If its certificate is not publicly"
                        + " trusted, give the JVM a trust store that holds it: -Djavax.net.ssl.trustStore=<file>"
                        + " -Djavax.net.ssl.trustStorePassword=<password>; the suite never turns verification off");
            }
            if (e instanceof ConnectTimeoutException) {
                return new TargetUnavailable("no connection to the target within " + connectTimeoutMs + " ms (CONFORMANCE_CONNECT_TIMEOUT_MS)");
            }
            if (e instanceof ConnectException) {
                return new TargetUnavailable("the target refused the connection: is it up, and is CONFORMANCE_BASE_URL right?");
            }
            if (e instanceof UnknownHostException) {
                return new TargetUnavailable("unknown host " + e.getMessage() + ": check CONFORMANCE_BASE_URL");
            }
            if (e instanceof SocketTimeoutException) {
                return new TargetUnavailable("the target sent no answer within the read timeout of " + readTimeoutMs
                        + " ms (CONFORMANCE_READ_TIMEOUT_MS)");
            }
            if (e instanceof NoHttpResponseException) {
                return new TargetUnavailable("the target closed the connection without answering");
            }
            if (e.getCause() instanceof ProtocolException protocol) {
                return new TargetUnavailable("the target's answer is not HTTP (" + firstLine(protocol)
                        + "): is CONFORMANCE_BASE_URL the API's address and port?");
            }
            if (e instanceof SocketException) {
                return new TargetUnavailable("the target dropped the connection without answering (" + firstLine(e) + ")");
            }
            return new TargetUnavailable("no answer from the target (" + e.getClass().getSimpleName() + ": " + firstLine(e) + ")");
        }

        /** The head arrived, so the target broke an answer it had begun. */
        IOException midAnswer(IOException e) {
            if (e instanceof TargetUnavailable || e instanceof TargetMisbehaved) {
                return e;
            }
            if (e instanceof SocketTimeoutException) {
                return new TargetMisbehaved("the target stopped sending its answer half-way for longer than the read timeout of "
                        + readTimeoutMs + " ms (CONFORMANCE_READ_TIMEOUT_MS)");
            }
            if (e instanceof ConnectionClosedException || e instanceof TruncatedChunkException
                    || e instanceof MalformedChunkCodingException || e instanceof SocketException) {
                return new TargetMisbehaved("the target closed the connection before its answer was complete (" + firstLine(e) + ")");
            }
            return e;
        }

        private static String firstLine(Throwable e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.lines().findFirst().orElse(message);
        }
    }
}
