package org.oaiconformance.reference;

import org.oaiconformance.contract.run.EmbeddedTarget;

import java.time.Duration;
import java.util.Set;

/** How the harness starts the embedded target without compiling against it (found with ServiceLoader). */
public final class ReferenceTargetStarter implements EmbeddedTarget.Starter {

    @Override
    public EmbeddedTarget start(Duration revocationDelay, Duration addedLatency) {
        return ReferenceTarget.start(Set.of(), 0, null, revocationDelay).withAddedLatency(addedLatency);
    }
}
