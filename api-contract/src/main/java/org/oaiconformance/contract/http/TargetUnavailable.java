package org.oaiconformance.contract.http;

import java.io.IOException;

/**
 * The suite could not get an answer to judge: the connection was refused or reset, nothing came back in time, the
 * bytes were not HTTP, TLS failed, or the target kept rate-limiting. The check that met it is broken, not failed —
 * a target that is down is not thereby non-conformant. The message is one line that says what to look at.
 */
public final class TargetUnavailable extends IOException {

    public TargetUnavailable(String message) {
        super(message);
    }
}
