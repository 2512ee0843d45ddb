package org.oaiconformance.contract.http;

import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.AbortableHttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.utils.URIUtils;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.protocol.HttpContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * REST Assured's HTTP client with two bounds the socket timeouts cannot give: a deadline for the whole exchange, body
 * included (a stream that drips forever never trips a read timeout), and a cap on how much of a body is read.
 * REST Assured builds one client per request, so each instance serves one exchange.
 */
@SuppressWarnings("deprecation") // DefaultHttpClient is what REST Assured itself builds and configures
final class BoundedHttpClient extends DefaultHttpClient {
    private final long deadlineMs;
    private final long maxBodyBytes;

    BoundedHttpClient(long deadlineMs, long maxBodyBytes) {
        this.deadlineMs = deadlineMs;
        this.maxBodyBytes = maxBodyBytes;
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
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> abort = request instanceof AbortableHttpRequest abortable
                ? Watchdog.after(deadlineMs, () -> {
                    expired.set(true);
                    abortable.abort();
                })
                : null;
        try {
            CloseableHttpResponse response = super.execute(target, request, context);
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                cancel(abort);
            } else {
                response.setEntity(new BoundedEntity(entity, abort, expired));
            }
            return response;
        } catch (IOException e) {
            cancel(abort);
            throw expired.get() ? deadlinePassed() : e;
        }
    }

    private TargetMisbehaved deadlinePassed() {
        return new TargetMisbehaved("the target did not finish its answer within the request deadline of " + deadlineMs
                + " ms (CONFORMANCE_REQUEST_DEADLINE_MS)");
    }

    private static void cancel(ScheduledFuture<?> abort) {
        if (abort != null) {
            abort.cancel(false);
        }
    }

    /** The body as read by REST Assured: counted against the cap, and the deadline lifted once it is read. */
    private final class BoundedEntity extends HttpEntityWrapper {
        private final ScheduledFuture<?> abort;
        private final AtomicBoolean expired;

        BoundedEntity(HttpEntity entity, ScheduledFuture<?> abort, AtomicBoolean expired) {
            super(entity);
            this.abort = abort;
            this.expired = expired;
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
                        throw expired.get() ? deadlinePassed() : e;
                    }
                    if (n < 0) {
                        cancel(abort);
                        return n;
                    }
                    read += n;
                    if (read > maxBodyBytes) {
                        cancel(abort);
                        throw new TargetMisbehaved("the answer is larger than the " + maxBodyBytes
                                + " bytes the suite reads (CONFORMANCE_MAX_BODY_BYTES)");
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    cancel(abort);
                    super.close();
                }
            };
        }
    }
}
