package org.oaiconformance.contract.recording;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which recorded answers the current thread's check is judged on. A check over a recording runs once per round; in
 * round {@code n} the replay target answers each request with the n-th recorded exchange of its kind, so every
 * recorded answer is judged, not the first of its kind alone. The client sends the round as {@value #HEADER} and
 * notes which recorded exchanges answered.
 */
public final class ReplayRound {
    public static final String HEADER = "X-Conformance-Replay-Round";
    private static final ThreadLocal<Integer> ROUND = new ThreadLocal<>();
    private static final ThreadLocal<Set<String>> ANSWERED = ThreadLocal.withInitial(LinkedHashSet::new);

    private ReplayRound() {
    }

    public static void begin(int round) {
        ROUND.set(round);
        ANSWERED.get().clear();
    }

    /** The current round, or null outside a replayed check. */
    public static Integer current() {
        return ROUND.get();
    }

    /** A recorded exchange answered one of this round's requests (its source: {@code file.yaml #2}). */
    public static void answeredBy(String source) {
        if (ROUND.get() != null && source != null) {
            ANSWERED.get().add(source);
        }
    }

    public static void answeredBy(Set<String> sources) {
        sources.forEach(ReplayRound::answeredBy);
    }

    /** Ends the round: the recorded exchanges that answered it. */
    public static Set<String> end() {
        Set<String> answered = Set.copyOf(new LinkedHashSet<>(ANSWERED.get()));
        ANSWERED.get().clear();
        ROUND.remove();
        return answered;
    }

    /** What the current round has been answered by so far. */
    public static Set<String> answeredSoFar() {
        return new LinkedHashSet<>(ANSWERED.get());
    }
}
