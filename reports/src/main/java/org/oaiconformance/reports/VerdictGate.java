package org.oaiconformance.reports;

import org.oaiconformance.contract.summary.ConformanceSummary;

import java.io.IOException;
import java.nio.file.Path;

/** The last step of a run: fails the build when the summary says so. The only place the build's outcome is decided. */
public final class VerdictGate {

    private VerdictGate() {
    }

    public static void main(String[] args) throws IOException {
        ConformanceSummary summary = ConformanceSummary.read(Path.of(args[0]));
        if (summary.buildFails()) {
            throw new NonConformant(summary.verdict() + ": " + summary.buildReason() + ". See " + Path.of(args[0]).resolveSibling("conformance-summary.md"));
        }
    }

    /** A verdict, not a crash: no stack trace. */
    static final class NonConformant extends RuntimeException {
        NonConformant(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
