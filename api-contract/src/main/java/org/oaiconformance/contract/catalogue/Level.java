package org.oaiconformance.contract.catalogue;

/** Requirement levels in the sense of RFC 2119. */
public enum Level {
    MUST, SHOULD, MAY;

    /** Allure severity that makes MUST failures stand out in the report. */
    public String allureSeverity() {
        return switch (this) {
            case MUST -> "critical";
            case SHOULD -> "normal";
            case MAY -> "minor";
        };
    }
}
