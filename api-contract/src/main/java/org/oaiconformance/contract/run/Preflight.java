package org.oaiconformance.contract.run;

import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.contract.settings.ModelSelection;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs once before any check (Maven's pre-integration-test phase; the jar's main) and ends a run that would judge the
 * wrong thing, in seconds, with one line naming the setting to fix. It costs nothing: no request runs a model.
 * <ol>
 * <li>The settings resolve (an unknown name or a key without a base URL is refused there).</li>
 * <li>The base URL answers like an OpenAI-compatible API: the profile's auth probe (OpenRouter: {@code GET key};
 * elsewhere {@code GET models}) with the key; a 401 means the key is wrong, an answer that is not JSON that the base
 * URL is. A 404 is asked again on {@code POST chat/completions} without credentials: an API refuses that (401, 400),
 * a wrong path prefix answers 404 there too.</li>
 * <li>Every model to judge is served: listed by GET models, or answered by GET models/{id}; a {@code models:}
 * selection matches something. A target without GET models is judged as it is.</li>
 * </ol>
 */
public final class Preflight {
    /** How many served ids a "not served" line suggests. */
    private static final int SUGGESTIONS = 10;

    private Preflight() {
    }

    public static void main(String[] args) {
        try {
            check(TargetSettings.fromEnvironment());
        } catch (SettingsError e) {
            // one line, whatever the target put in what the message quotes (a Content-Type, an I/O error)
            System.err.println("[conformance] cannot start: " + Markup.console(e.getMessage()));
            throw e;
        }
    }

    public static void check(TargetSettings settings) {
        if (settings.replaying()) {
            var recording = TargetSession.loadRecording(settings);
            System.out.println("[conformance] target: recording " + recording.description() + " (" + recording.exchanges().size()
                    + " exchanges: " + recording.kinds() + "; profile " + settings.profile().name() + ")"
                    + (recording.notJudged().isEmpty() ? "" : "; " + recording.notJudged().size()
                    + " files or exchanges set aside, each named in the summary"));
            return;
        }
        if (settings.embedded()) {
            if (settings.models().explicit() || !Objects.equals(settings.model(), settings.profile().defaultModel())) {
                TargetSession.onEmbeddedTarget(settings, (url, key) -> {
                    requireServedModels(settings, new PreflightClient(url, Map.of(), settings.connectTimeoutMs()), key);
                    return null;
                });
            }
            System.out.println("[conformance] target: the embedded reference target, not a gateway (profile " + settings.profile().name()
                    + "); set " + Setting.BASE_URL.env() + " to judge yours");
            return;
        }
        PreflightClient client = new PreflightClient(settings.baseUrl(), settings.extraHeaders(), settings.connectTimeoutMs());
        probe(settings, client);
        requireServedModels(settings, client, settings.apiKey());
        System.out.println("[conformance] target: " + settings.baseUrl() + " (profile " + settings.profile().name()
                + ", model" + (settings.models().listed().size() > 1 ? "s " + String.join(", ", settings.models().listed()) : " " + settings.model())
                + ")");
    }

    /** The target answers like an OpenAI-compatible API, and accepts the key. */
    static void probe(TargetSettings settings) {
        probe(settings, new PreflightClient(settings.baseUrl(), settings.extraHeaders(), settings.connectTimeoutMs()));
    }

    private static void probe(TargetSettings settings, PreflightClient client) {
        String path = settings.profile().authProbe();
        BaseUrl base = settings.baseUrl();
        PreflightClient.Answer answer = client.get(path, settings.apiKey());
        if (answer.status() == 401) {
            throw new SettingsError(Setting.API_KEY, "the target refused the configured key (HTTP 401 on GET " + base.pathPrefix() + path
                    + "); check that it is a valid, enabled key for " + base);
        }
        boolean emptySuccess = answer.status() / 100 == 2 && answer.body().isBlank(); // a 204 from the probe is an answer too
        if (answer.status() / 100 != 5 && !emptySuccess && !isJson(answer)) {
            throw new SettingsError(Setting.BASE_URL, "GET " + base.pathPrefix() + path + " answered HTTP " + answer.status()
                    + (answer.contentType().isEmpty() ? "" : " " + Markup.console(answer.contentType().split(";")[0].strip())) + ", not the JSON an"
                    + " OpenAI-compatible API sends; check the path prefix (e.g. /v1 or /api/v1) and the scheme (https:// for a TLS port)");
        }
        if (answer.status() == 404) {
            // No such route, or no API at this prefix: an API refuses an unauthenticated chat request; a wrong prefix 404s it too.
            PreflightClient.Answer chat = client.postWithoutKey("/chat/completions", "{\"model\":\"" + jsonText(settings.model()) + "\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\"max_tokens\":1}");
            if (chat.status() == 404) {
                throw new SettingsError(Setting.BASE_URL, "no OpenAI-compatible API at " + base + ": GET " + base.pathPrefix() + path
                        + " and POST " + base.pathPrefix() + "/chat/completions both answered 404; check the path prefix (OpenRouter's is"
                        + " /api/v1, most others' /v1)");
            }
        }
    }

    /**
     * Every model the run would judge is one the target serves, as far as GET models tells (it costs nothing): a model
     * it does not list and whose GET models/{id} answers 404 ends the run, naming the nearest served ids.
     */
    private static void requireServedModels(TargetSettings settings, PreflightClient client, String key) {
        ModelSelection selection = settings.models();
        ModelMatrix matrix = ModelMatrix.resolve(selection.askingTheTarget(), path -> {
            PreflightClient.Answer answer = client.get(path, key);
            return new ModelMatrix.Answer(answer.status(), answer.complete() ? answer.body() : "");
        });
        if (matrix.notServed().isEmpty()) {
            return;
        }
        String model = matrix.notServed().keySet().iterator().next();
        Setting setting = selection.explicit() ? Setting.MODELS : Setting.MODEL;
        List<String> nearest = ModelMatrix.closest(model, matrix.served(), SUGGESTIONS);
        throw new SettingsError(setting, shown(model) + " is not served by " + client.baseUrl() + " (GET models does not list it and GET"
                + " models/{id} answers 404)" + (nearest.isEmpty() ? "" : "; nearest served: " + String.join(", ", nearest.stream()
                .map(Preflight::shown).toList())) + regexHint(model));
    }

    /** A model named with regex syntax was meant as a selection: {@code acme/.*} is a literal id without {@code models:}. */
    private static String regexHint(String model) {
        boolean regex = model.matches(".*[*^$|\\[\\](){}\\\\+?].*");
        return regex ? ". To select by pattern, write " + Setting.MODELS.env() + "='models:" + shown(model).substring(1) : "";
    }

    /** A model id as a console line may show it: printable, bounded. */
    private static String shown(String id) {
        String flat = id.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
        return "'" + (flat.length() > 120 ? flat.substring(0, 120) + "..." : flat) + "'";
    }

    private static String jsonText(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "");
    }

    /** The target's own answer: JSON, labelled so or not (some servers label JSON text/plain). */
    private static boolean isJson(PreflightClient.Answer answer) {
        String trimmed = answer.body().strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return false;
        }
        try {
            Json.MAPPER.readTree(trimmed);
            return true;
        } catch (IOException truncatedOrNotJson) {
            return !answer.complete() && answer.contentType().toLowerCase(Locale.ROOT).contains("json");
        }
    }
}
