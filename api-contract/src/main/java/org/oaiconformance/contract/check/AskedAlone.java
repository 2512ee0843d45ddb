package org.oaiconformance.contract.check;

import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.outcome.Observations;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Some servers cut a running stream whenever another request arrives (one engine's default, interrupt_requests, ends
 * it with a role chunk and [DONE]). Which streams the suite's own parallel checks cut is then a matter of timing, and
 * a verdict must not be. So a stream that came back cut is asked again with nothing else of the run in flight, and
 * that answer is judged; an observation says what happened, since breaking streams under concurrent load is worth
 * reporting as such. One billable call more, and only when a stream came back cut.
 */
public final class AskedAlone {
    private AskedAlone() {
    }

    /**
     * The answer to judge: {@code first}, or, if {@code cut} says it was cut short, the answer {@code ask} gets alone.
     * {@code describe} says in a few words how an answer ended ("2 events, no finish_reason").
     */
    public static <T> T ifCut(T first, Predicate<T> cut, Supplier<T> ask, Courtesy courtesy,
                              Function<T, String> describe) {
        if (!cut.test(first)) {
            return first;
        }
        T alone = courtesy.alone(ask);
        if (cut.test(alone)) {
            Observations.record("the stream came back cut short (" + describe.apply(first) + ") and again when asked with nothing"
                    + " else in flight (" + describe.apply(alone) + "): judged on the second answer");
        } else {
            Observations.record("the target cut this stream short while other requests were in flight (" + describe.apply(first)
                    + "); asked again with nothing else in flight, it streamed whole (" + describe.apply(alone) + ") and is judged"
                    + " on that: the target breaks streams under concurrent load");
        }
        return alone;
    }
}
