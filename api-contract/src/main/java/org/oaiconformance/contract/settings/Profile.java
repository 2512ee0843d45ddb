package org.oaiconformance.contract.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.wire.Feature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the suite may expect of a kind of target. Profiles are data ({@code profiles/<name>.json}, or a user's own
 * file) so that adding one needs no code.
 *
 * @param defaultModel     used when {@code CONFORMANCE_MODEL} is unset; null when the user must name one
 * @param numericErrorCode error.code may be a number (OpenRouter, Infron) instead of a string or null
 * @param creditLimit      how a key over its credit limit is refused: the statuses the evidence allows, and the error.code if one is documented
 * @param unknownModel     how a request for a model that does not exist is refused (OpenAI: 404 model_not_found)
 * @param midStreamErrorModel a model name that makes the target fail mid-stream, where one exists; null otherwise
 * @param keyManagement    {@code management-api} (OpenRouter-shaped key API) or {@code static} (keys from settings)
 * @param authProbe        a GET path that needs a valid key and runs no model, to test keys without paying
 * @param modelsPublic     GET models is served without credentials by design
 * @param deviations       requirement ID → why this target is documented to differ; those checks report as skipped
 * @param features         the optional features the target claims (tools, json_object, json_schema, n, stop,
 *                         logprobs): a claimed feature it then declines fails; an unclaimed one declined with a clean
 *                         400 is skipped; one accepted and ignored fails either way
 * @param issuedKeyPrefix  what every key the target issues starts with (OpenRouter: sk-or-v1-), so secret scanners can
 *                         match it; null when undocumented
 * @param keyInfo          the GET path that describes the calling key (OpenRouter: /key); null when there is none
 * @param oauth            the OAuth PKCE flow, where the target has one (feature {@code oauth}); null otherwise
 * @param contextOverflowCode the error.code a prompt beyond the context window gets, where documented (OpenAI:
 *                         context_length_exceeded); null where only a 400 that says so is documented
 * @param midStreamFinishReason the finish_reason a stream that fails mid-way may end its choice with, where documented
 *                         (OpenRouter: "error"); null where only OpenAI's values are legal
 * @param embeddingModel   the model the embeddings checks use when {@code CONFORMANCE_EMBEDDING_MODEL} is unset; null
 *                         when the user must name one
 * @param modelFeatures    model → the optional features that model claims instead of {@code features}, for a gateway
 *                         whose models differ ({@code CONFORMANCE_MODEL_FEATURES} overrides an entry)
 */
public record Profile(String name, String description, String exampleBaseUrl, String defaultModel, boolean numericErrorCode,
                      Refusal creditLimit, Refusal unknownModel, String midStreamErrorModel, String keyManagement, String authProbe, boolean modelsPublic,
                      Map<String, String> extraHeaders, Map<String, String> deviations, List<String> features, String issuedKeyPrefix,
                      String keyInfo, OAuth oauth, String contextOverflowCode, String midStreamFinishReason, String embeddingModel,
                      Map<String, List<String>> modelFeatures) {
    public static final List<String> BUILT_IN = List.of("reference", "generic", "openai", "openrouter", "infron");
    public static final String MANAGEMENT_API = "management-api";
    private static final ObjectMapper JSON = Json.MAPPER; // lenient: profile files may grow

    /**
     * A documented refusal: the statuses the evidence allows (one where it is firm; several where the target has been
     * seen to answer either, so the check accepts each and records which it got), and its error.code if documented.
     * In a profile file: {@code {"status": 402, "code": null}} or {@code {"statuses": [402, 403], "code": null}}.
     */
    public record Refusal(List<Integer> statuses, String code) {
        public Refusal {
            if (statuses == null || statuses.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs a status");
            }
            statuses = List.copyOf(statuses);
        }

        public Refusal(int status, String code) {
            this(List.of(status), code);
        }

        @JsonCreator
        static Refusal fromJson(@JsonProperty("status") Integer status,
                                @JsonProperty("statuses") List<Integer> statuses,
                                @JsonProperty("code") String code) {
            return new Refusal(statuses != null ? statuses : status == null ? List.of() : List.of(status), code);
        }

        /** The first, most expected status. */
        public int status() {
            return statuses.get(0);
        }

        public boolean accepts(int status) {
            return statuses.contains(status);
        }

        /** "402" or "402 or 403", for messages. */
        public String describe() {
            return statuses.stream().map(String::valueOf).collect(Collectors.joining(" or "));
        }
    }

    /**
     * OpenRouter's OAuth PKCE flow: where the user approves ({@code authorize}: an absolute URL, or a path below the base
     * URL), and the exchange path below the base URL. {@code approvesItself}: the authorization step answers with the
     * code at once (the reference target), so the checks can mint codes; otherwise a user approves one and hands it over
     * (CONFORMANCE_OAUTH_CODE).
     */
    public record OAuth(String authorize, String exchange, boolean approvesItself, String codeRoute) {
        public OAuth(String authorize, String exchange, boolean approvesItself) {
            this(authorize, exchange, approvesItself, null);
        }
    }

    /** A profile whose models all claim the same features. */
    public Profile(String name, String description, String exampleBaseUrl, String defaultModel, boolean numericErrorCode,
                   Refusal creditLimit, Refusal unknownModel, String midStreamErrorModel, String keyManagement, String authProbe, boolean modelsPublic,
                   Map<String, String> extraHeaders, Map<String, String> deviations, List<String> features, String issuedKeyPrefix,
                   String keyInfo, OAuth oauth, String contextOverflowCode, String midStreamFinishReason, String embeddingModel) {
        this(name, description, exampleBaseUrl, defaultModel, numericErrorCode, creditLimit, unknownModel, midStreamErrorModel, keyManagement,
                authProbe, modelsPublic, extraHeaders, deviations, features, issuedKeyPrefix, keyInfo, oauth, contextOverflowCode,
                midStreamFinishReason, embeddingModel, null);
    }

    /** A profile without the key-issuing fields (issued key prefix, key info route, OAuth). */
    public Profile(String name, String description, String exampleBaseUrl, String defaultModel, boolean numericErrorCode,
                   Refusal creditLimit, Refusal unknownModel, String midStreamErrorModel, String keyManagement, String authProbe, boolean modelsPublic,
                   Map<String, String> extraHeaders, Map<String, String> deviations, List<String> features) {
        this(name, description, exampleBaseUrl, defaultModel, numericErrorCode, creditLimit, unknownModel, midStreamErrorModel, keyManagement,
                authProbe, modelsPublic, extraHeaders, deviations, features, null, null, null, null, null, null, null);
    }

    public Profile {
        extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
        deviations = deviations == null ? Map.of() : Map.copyOf(deviations);
        features = features == null ? List.of() : List.copyOf(features);
        features.forEach(Feature::of); // an unknown name is refused when the profile loads
        modelFeatures = modelFeatures == null ? Map.of() : Map.copyOf(modelFeatures);
        modelFeatures.values().forEach(claimed -> claimed.forEach(Feature::of));
        creditLimit = creditLimit == null ? new Refusal(429, null) : creditLimit;
        unknownModel = unknownModel == null ? new Refusal(404, "model_not_found") : unknownModel;
        keyManagement = keyManagement == null ? "static" : keyManagement;
        authProbe = authProbe == null ? "/models" : authProbe;
    }

    public static Profile load(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new SettingsError(Setting.PROFILE, "unknown profile " + SettingsError.quote(name) + "; known: " + String.join(", ", BUILT_IN)
                    + " (or give your own with " + Setting.PROFILE_FILE.env() + ")");
        }
        try (InputStream in = Profile.class.getResourceAsStream("/profiles/" + name + ".json")) {
            return JSON.readValue(in, Profile.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the built-in profile '" + name + "' cannot be read", e);
        }
    }

    public static Profile fromFile(String file) {
        try {
            Profile profile = JSON.readValue(Files.readString(Path.of(file)), Profile.class);
            if (profile.name() == null || profile.name().isBlank()) {
                throw new SettingsError(Setting.PROFILE_FILE, SettingsError.quote(String.valueOf(file)) + " needs a \"name\"");
            }
            return profile;
        } catch (IOException e) {
            throw new SettingsError(Setting.PROFILE_FILE, "cannot read " + SettingsError.quote(String.valueOf(file)) + " as a profile (" + e.getClass().getSimpleName()
                    + "); copy one of api-contract/src/main/resources/profiles/*.json");
        }
    }

    /** True when the profile claims this optional feature, so declining it is a failure, not a skip. */
    public boolean claims(Feature feature) {
        return features.contains(feature.id());
    }

    /** This profile with a failing model and the finish_reason its failures end with: for proofs of STREAM-006. */
    public Profile withMidStreamFailure(String model, String finishReason) {
        return new Profile(name, description, exampleBaseUrl, defaultModel, numericErrorCode, creditLimit, unknownModel,
                model, keyManagement, authProbe, modelsPublic, extraHeaders, deviations, features, issuedKeyPrefix, keyInfo, oauth,
                contextOverflowCode, finishReason, embeddingModel, modelFeatures);
    }

    /** This profile claiming exactly these features instead ({@code CONFORMANCE_FEATURES}). */
    public Profile withFeatures(List<String> claimed) {
        return new Profile(name, description, exampleBaseUrl, defaultModel, numericErrorCode, creditLimit, unknownModel,
                midStreamErrorModel, keyManagement, authProbe, modelsPublic, extraHeaders, deviations, claimed, issuedKeyPrefix, keyInfo, oauth,
                contextOverflowCode, midStreamFinishReason, embeddingModel, modelFeatures);
    }

    /** This profile with these per-model claims added over its own ({@code CONFORMANCE_MODEL_FEATURES}). */
    public Profile withModelFeatures(Map<String, List<String>> claims) {
        Map<String, List<String>> all = new LinkedHashMap<>(modelFeatures);
        all.putAll(claims);
        return new Profile(name, description, exampleBaseUrl, defaultModel, numericErrorCode, creditLimit, unknownModel,
                midStreamErrorModel, keyManagement, authProbe, modelsPublic, extraHeaders, deviations, features, issuedKeyPrefix, keyInfo, oauth,
                contextOverflowCode, midStreamFinishReason, embeddingModel, all);
    }

    /** The profile as one model sees it: that model's claims where the profile (or a setting) names them. */
    public Profile forModel(String model) {
        List<String> claimed = model == null ? null : modelFeatures.get(model);
        return claimed == null ? this : withFeatures(claimed);
    }

    public boolean managesKeys() {
        return MANAGEMENT_API.equals(keyManagement);
    }
}
