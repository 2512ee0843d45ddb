package org.oaiconformance.contract.catalogue;

/**
 * One entry of the requirement catalogue.
 *
 * @param untestable why no check can verify it, or null when checks exist; untestable entries still appear in
 *                   every summary, as skipped with this reason, so gaps are visible.
 */
public record Requirement(String id, Level level, String family, String title, String source, String untestable) {

    public boolean isTestable() {
        return untestable == null;
    }
}
