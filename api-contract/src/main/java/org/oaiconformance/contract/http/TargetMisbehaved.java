package org.oaiconformance.contract.http;

import java.io.IOException;

/**
 * The target broke a bound no contract allows to break: it did not finish its answer within the request deadline
 * (a stream that never ends, headers dripped a byte a second), or its answer was larger than the suite reads.
 * The check that met it fails, naming its requirement (see the conformance listener).
 */
public final class TargetMisbehaved extends IOException {

    public TargetMisbehaved(String message) {
        super(message);
    }
}
