package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.catalogue.GeneratedDoc;

import java.nio.file.Path;

/**
 * docs/settings.md, generated from {@link Setting} by the build (api-contract's process-classes phase), so the page
 * cannot drift from what the suite reads.
 */
public final class SettingsDoc {

    private SettingsDoc() {
    }

    public static String render() {
        StringBuilder md = new StringBuilder("""
                # Settings

                Generated from `Setting.java` by the build; do not edit by hand. Each setting is an environment variable, or a
                system property (`-D…`) that overrides it. Keys are best given in the environment or a file: a `-D` value is
                visible to other users of the machine in the process list (the suite removes it from the test JVM's system
                properties before any report can list them).

                | Environment variable | Property | Meaning |
                |---|---|---|
                """);
        for (Setting setting : Setting.values()) {
            md.append("| `").append(setting.env()).append("` | `").append(setting.property()).append("` | ")
                    .append(setting.description().replace("|", "\\|")).append(setting.secret() ? " A key: masked everywhere." : "").append(" |\n");
        }
        md.append("""

                Every key, from the environment or a file, is checked before anything is sent (printable ASCII, no spaces, at
                least 6 characters) and masked in every artifact, its base64 (Basic) form too. A bad setting ends the run within
                seconds with one line naming it: `[conformance] cannot start: CONFORMANCE_API_KEY (-Dtarget.apiKey): …`.

                Names are checked too: a `CONFORMANCE_*` variable, or a `-D` property under `target.`, `conformance.`, `compat.`
                or `reference.`, that is not in this table ends the run with the closest real name (a mistyped base URL would
                otherwise judge the embedded reference target, green). A key given without `CONFORMANCE_BASE_URL` is refused
                for the same reason. Before any check, the preflight asks the target for nothing billable: that the base URL
                answers like an OpenAI-compatible API (a wrong path prefix is named), and that every model to judge is served
                (else the nearest ids it serves are named).

                Exit status of the runnable jar: 0 conformant, 1 not conformant, 2 a setting to fix, 3 the suite failed, 4 a
                partial verdict where `CONFORMANCE_REQUIRE_COMPLETE=true` asks for a complete one. `./mvnw verify` fails the build
                in cases 1 to 4 alike.
                """);
        return md.toString();
    }

    /** args[0]: the file to write; written only when its content changes. */
    public static void main(String[] args) {
        GeneratedDoc.write(Path.of(args[0]), render());
    }
}
