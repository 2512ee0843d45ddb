package org.oaiconformance.contract.catalogue;

import java.nio.file.Path;

/**
 * docs/requirements.md, generated from the catalogue by the build (api-contract's process-classes phase): every
 * requirement with its level, its text and its source, by family.
 */
public final class RequirementsDoc {
    private RequirementsDoc() {
    }

    public static String render(RequirementCatalogue catalogue) {
        StringBuilder md = new StringBuilder("""
                # Requirements

                Generated from `api-contract/src/main/resources/catalogue/requirements.json` by the build; do not edit by hand.
                IDs are stable and never renumbered. MUST failures fail the build; SHOULD and MAY failures show in the report
                (and fail it with `CONFORMANCE_STRICT=true`). Sources are explained in [evidence.md](evidence.md).
                """);
        String family = null;
        for (Requirement r : catalogue.all()) {
            if (!r.family().equals(family)) {
                family = r.family();
                md.append("\n## ").append(catalogue.familyName(family)).append(" (").append(family).append("-)\n\n")
                        .append("| ID | Level | Requirement | Source |\n|---|---|---|---|\n");
            }
            md.append("| ").append(r.id()).append(" | ").append(r.level()).append(" | ").append(cell(r.title()))
                    .append(r.isTestable() ? "" : " *Not checked: " + cell(r.untestable()) + "*").append(" | ")
                    .append(cell(r.source()).replaceAll("docs/evidence\\.md#([a-z0-9-]+)", "[evidence#$1](evidence.md#$1)"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** args[0]: the file to write; written only when its content changes. */
    public static void main(String[] args) {
        GeneratedDoc.write(Path.of(args[0]), render(RequirementCatalogue.load()));
    }
}
