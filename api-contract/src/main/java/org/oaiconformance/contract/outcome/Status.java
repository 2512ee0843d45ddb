package org.oaiconformance.contract.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;
import java.util.Locale;

/** What a check, or a requirement over its checks, came to; written in lower case in every file the suite writes. */
public enum Status {
    /** The target behaved as the requirement asks. */
    PASSED,
    /** The target answered, and wrongly. */
    FAILED,
    /** The suite could not judge: no answer, a harness error, a setting that stops the run. */
    BROKEN,
    /** Not judged, with a reason: the target declines an optional feature, or what the check builds on is broken. */
    SKIPPED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Status of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean failedOrBroken() {
        return this == FAILED || this == BROKEN;
    }

    /** A requirement's status over its checks: failed beats broken beats passed beats skipped; null for none. */
    public static Status combine(Collection<Status> statuses) {
        for (Status status : new Status[] {FAILED, BROKEN, PASSED, SKIPPED}) {
            if (statuses.contains(status)) {
                return status;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id();
    }
}
