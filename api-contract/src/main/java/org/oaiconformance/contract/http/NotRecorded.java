package org.oaiconformance.contract.http;

import org.testng.SkipException;

/** A recording judged offline holds no answer to a request: nothing to judge, and that is no fault of the target. */
public final class NotRecorded extends SkipException {
    public NotRecorded(String message) {
        super(message);
    }
}
