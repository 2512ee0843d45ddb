package org.oaiconformance.contract.run;

/** The target as reports show it: no key, no credentials, just where and what. */
public record TargetInfo(String baseUrl, String profile, boolean embedded, String model) {
}
