package org.oaiconformance.contract.check;

import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.recording.ReplayTarget;
import org.testng.SkipException;

/**
 * The cap an answer was asked to keep: the suite's own, or - for a recorded answer - the recorded request's, since the
 * recorded server never saw the suite's. A recorded request that set none was cut by the server's own default, which
 * no requirement speaks to: the check is skipped, saying what to record.
 */
public final class RecordedCap {
    private RecordedCap() {
    }

    /** {@code own} unless the exchange was replayed; {@code parameter} and {@code requirement} name what the skip asks for. */
    public static int of(Exchange exchange, int own, String parameter, String requirement) {
        String recorded = exchange.response().header(ReplayTarget.RECORDED_MAX_TOKENS_HEADER);
        if (recorded == null) {
            return own;
        }
        if (recorded.equals("none")) {
            throw new SkipException("the recorded request sent no " + parameter + ", so its cut was the server's own: record a request with "
                    + parameter + " to judge " + requirement);
        }
        return Integer.parseInt(recorded);
    }
}
