package org.oaiconformance.standalone;

import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The command line: every setting has a flag named after its environment variable ({@code CONFORMANCE_BASE_URL} is
 * {@code --base-url}), which wins over the environment as a system property would. Keys are the exception: a flag
 * would put them in the process list and the shell's history, so they come only from the environment or a file.
 */
record Flags(Map<Setting, String> settings, Path out, boolean help, boolean version) {
    static final Path DEFAULT_OUT = Path.of("conformance-report");

    static String flagOf(Setting setting) {
        return "--" + setting.env().substring("CONFORMANCE_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Flags parse(String[] args) {
        Map<Setting, String> settings = new LinkedHashMap<>();
        Path out = DEFAULT_OUT;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--version" -> version = true;
                case "--out" -> out = Path.of(valueOf(args, i, arg));
                default -> {
                    Setting setting = settingOf(name);
                    if (setting.secret()) {
                        throw new BadCommandLine(name + " is not taken on the command line, where the process list and shell history"
                                + " would show it: set " + setting.env() + ", or give a file with " + fileFlagFor(setting));
                    }
                    settings.put(setting, valueOf(args, i, arg));
                }
            }
            if (!arg.contains("=") && !name.equals("-h") && !name.equals("--help") && !name.equals("--version")) {
                i++; // the value was the next argument
            }
        }
        return new Flags(settings, out, help, version);
    }

    /** Each flag as the system property its setting reads. */
    void apply() {
        settings.forEach((setting, value) -> System.setProperty(setting.property(), value));
    }

    private static Setting settingOf(String flag) {
        for (Setting setting : Setting.values()) {
            if (flagOf(setting).equals(flag)) {
                return setting;
            }
        }
        // an option's name is shown as typed; anything else (a key pasted in the wrong place) is described, not echoed
        String shown = flag.matches("--?[a-z][a-z-]{0,39}") ? "'" + flag + "'" : SettingsError.quote(flag);
        throw new BadCommandLine("unknown option " + shown + "; see --help");
    }

    private static String fileFlagFor(Setting secret) {
        for (Setting setting : Setting.values()) {
            if (setting.env().equals(secret.env() + "_FILE")) {
                return flagOf(setting) + " or " + setting.env();
            }
        }
        return "its _FILE setting where there is one";
    }

    private static String valueOf(String[] args, int i, String arg) {
        if (arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new BadCommandLine(arg + " needs a value; see --help");
        }
        return args[i + 1];
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar openai-conformance.jar [--base-url URL] [--model ID] [--out DIR] [option ...]

                Judges an OpenAI-compatible API against the suite's requirements and writes, into DIR (default
                ./conformance-report): conformance-summary.json and .md, badge.json and allure-report/index.html.
                Without --base-url (or CONFORMANCE_BASE_URL) it judges the embedded reference target on loopback.
                Keys come from the environment or a file, never from the command line: CONFORMANCE_API_KEY or
                --api-key-file. Exit status: 0 conformant, 1 not conformant, 2 a setting to fix, 3 the suite failed.

                Options (each also read from the environment variable in brackets):
                  --out DIR                         where the report is written
                  --help, --version
                """);
        for (Setting setting : Setting.values()) {
            if (!setting.secret()) {
                text.append(String.format("  %-33s %s [%s]%n", flagOf(setting) + " VALUE", setting.description(), setting.env()));
            }
        }
        return text.toString();
    }

    /** A command line the suite cannot use: said in one line, exit status 2. */
    static final class BadCommandLine extends RuntimeException {
        BadCommandLine(String message) {
            super(message);
        }
    }
}
