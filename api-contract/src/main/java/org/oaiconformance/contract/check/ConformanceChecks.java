package org.oaiconformance.contract.check;

import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.run.TargetSession;

/**
 * Base of every check class: the target session this run talks to. Getting it may fail with a settings error,
 * which breaks the check (the suite could not judge) rather than failing it.
 */
public abstract class ConformanceChecks {

    protected TargetSession session() {
        return TargetSession.current();
    }

    protected TargetClient target() {
        return session().client();
    }

    protected String model() {
        return session().model();
    }
}
