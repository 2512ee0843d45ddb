package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.StructuredResponse;
import okhttp3.OkHttpClient;
import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.http.Watchdog;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.metrics.Timings;
import org.oaiconformance.contract.outcome.Observations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code com.openai:openai-java}, in process: {@code OpenAIOkHttpClient.builder().baseUrl(...).apiKey(...)} with response
 * validation on, so a malformed field fails at once instead of when read. An OkHttp interceptor counts the requests
 * each call sends, so a retried refusal shows.
 */
public final class OpenAiJavaDriver implements SdkDriver {
    private final String baseUrl;
    private final Duration deadline;
    private final Courtesy courtesy;
    /** Every call's requests, so the run's deadline can cancel those in flight. */
    private final okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();

    public OpenAiJavaDriver(String baseUrl, Duration deadline, Courtesy courtesy) {
        this.baseUrl = baseUrl;
        this.deadline = deadline;
        this.courtesy = courtesy;
    }

    @Override
    public String name() {
        return "openai-java";
    }

    @Override
    public String version() {
        Properties versions = new Properties();
        try (InputStream in = OpenAiJavaDriver.class.getResourceAsStream("sdk-versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions.getProperty("openai-java", "unknown");
    }

    @Override
    public SdkAnswer complete(String apiKey, String model, Map<String, String> headers, int retries) {
        return courtesy.during(() -> completeNow(apiKey, model, headers, retries), null, dispatcher::cancelAll);
    }

    @Override
    public SdkAnswer stream(String apiKey, String model, Map<String, String> headers) {
        return courtesy.during(() -> streamNow(apiKey, model, headers), null, dispatcher::cancelAll);
    }

    @Override
    public SdkAnswer feature(FeatureCall call, String apiKey, String body, Map<String, String> headers) {
        return courtesy.during(() -> featureNow(call, apiKey, body, headers), null, dispatcher::cancelAll);
    }

    /** The structured output the suite asks for, declared as an openai-java user declares one (public fields). */
    public static final class CityFacts {
        public String city;
        public long population;
        public List<String> landmarks;
    }

    /**
     * The raw request, read into the SDK's own parameters (so every row sends the same request), then sent the SDK's
     * way: a typed completion, a stream joined by {@code ChatCompletionAccumulator}, or a class-typed response format.
     */
    private SdkAnswer featureNow(FeatureCall call, String apiKey, String body, Map<String, String> headers) {
        AtomicInteger attempts = new AtomicInteger();
        OpenAIClient client = client(apiKey, headers, 0, attempts);
        try {
            if (call == FeatureCall.EMBEDDINGS) { // not a chat request: its own parameters
                return embeddings(client, body, attempts);
            }
            if (call == FeatureCall.RESPONSES_STREAM) {
                return responsesStream(client, body, attempts);
            }
            ObjectNode raw = (ObjectNode)
                    Json.parse(body);
            raw.remove("stream"); // createStreaming sets it
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                    .body(ObjectMappers.jsonMapper().treeToValue(raw, ChatCompletionCreateParams.Body.class)).build();
            return switch (call) {
                case TOOL_CALL -> answer(client.chat().completions().create(params), attempts.get(), 0);
                case TOOL_STREAM -> accumulated(client, params, attempts);
                case STRUCTURED -> structured(client.chat().completions().create(params.toBuilder().responseFormat(CityFacts.class).build()),
                        attempts.get());
                case EMBEDDINGS, RESPONSES_STREAM -> throw new IllegalStateException("answered above");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("openai-java cannot read the suite's own request: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            return failure(e, attempts.get());
        } finally {
            client.close();
        }
    }

    /** embeddings().create() as its users call it, without an encoding format: 4.101.0 then sends none and gets floats. */
    private SdkAnswer embeddings(OpenAIClient client, String body, AtomicInteger attempts) throws JsonProcessingException {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .body(ObjectMappers.jsonMapper().readValue(body, EmbeddingCreateParams.Body.class)).build();
        CreateEmbeddingResponse response = client.embeddings().create(params);
        ArrayNode vectors = Json.MAPPER.createArrayNode();
        for (Embedding datum : response.data()) {
            ArrayNode vector = vectors.addArray();
            datum.embedding().forEach(vector::add);
        }
        response._usage().asKnown().ifPresent(u -> courtesy.metrics().recordTokens(u.promptTokens(), 0)); // metering never fails a call
        return new SdkAnswer(null, null, null, attempts.get(), vectors.toString(), null, 0);
    }

    /**
     * responses().createStreaming() joined by {@code ResponseAccumulator}, then read as a {@link CityFacts} response
     * ({@code accumulator.response(Class)}), as the SDK's structured-output users read one: with the SDK's default of no
     * response validation, because the Responses types require members no gateway sends yet (4.101.0 requires
     * usage.input_tokens_details.cache_write_tokens). What strict validation would reject is observed, not failed.
     */
    private SdkAnswer responsesStream(OpenAIClient client, String body, AtomicInteger attempts) throws JsonProcessingException {
        ObjectNode raw = (ObjectNode) Json.parse(body);
        raw.remove("stream"); // createStreaming sets it
        ResponseCreateParams params = ResponseCreateParams.builder()
                .body(ObjectMappers.jsonMapper().treeToValue(raw, ResponseCreateParams.Body.class)).build();
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        int[] events = {0};
        List<String> strict = new ArrayList<>();
        boolean ended = readToTheEnd(client.withOptions(o -> o.responseValidation(false)).responses().createStreaming(params), event -> {
            strictly(event::validate, "a stream event", strict);
            accumulator.accumulate(event);
            events[0]++;
        });
        if (!ended) {
            return streamNotEnded(attempts.get(), new StringBuilder(), null, events[0]);
        }
        StructuredResponse<CityFacts> response = accumulator.response(CityFacts.class);
        strictly(response.rawResponse()::validate, "the final response", strict);
        if (!strict.isEmpty()) {
            Observations.record("openai-java's response validation (off by default) would refuse "
                    + String.join("; ", strict.subList(0, Math.min(2, strict.size()))));
        }
        response.rawResponse().usage().ifPresent(u -> courtesy.metrics().recordTokens(u.inputTokens(), u.outputTokens()));
        String content = null;
        for (var item : response.output()) {
            for (var part : item.message().map(m -> m.content()).orElse(List.of())) {
                if (content == null && part.outputText().isPresent()) {
                    content = Json.MAPPER.writeValueAsString(part.outputText().get());
                }
            }
        }
        return new SdkAnswer(null, null, null, attempts.get(), content,
                response.rawResponse().status().map(s -> s.asString()).orElse(null), events[0]);
    }

    /** Notes what strict validation says of one part of an answer, once per distinct complaint. */
    private static void strictly(Runnable validate, String what, List<String> complaints) {
        try {
            validate.run();
        } catch (OpenAIInvalidDataException invalid) {
            String complaint = invalid.getMessage();
            if (complaints.stream().noneMatch(c -> c.endsWith(complaint))) {
                complaints.add(what + ": " + complaint);
            }
        }
    }

    /** Reads a stream to its end within the deadline, handing each event on; false when the deadline cut it. */
    private <T> boolean readToTheEnd(StreamResponse<T> opened, Consumer<T> each) {
        AtomicBoolean cut = new AtomicBoolean();
        try (StreamResponse<T> stream = opened) {
            var cutOff = Watchdog.after(deadline.toMillis(), () -> {
                cut.set(true);
                stream.close();
            });
            try {
                for (T event : (Iterable<T>) stream.stream()::iterator) {
                    each.accept(event);
                }
            } finally {
                cutOff.cancel(false);
            }
        } catch (RuntimeException e) {
            if (!cut.get()) {
                throw e;
            }
        }
        return !cut.get();
    }

    private SdkAnswer accumulated(OpenAIClient client, ChatCompletionCreateParams params, AtomicInteger attempts) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        int[] chunks = {0};
        boolean ended = readToTheEnd(client.chat().completions().createStreaming(params), chunk -> {
            accumulator.accumulate(chunk.validate());
            chunks[0]++;
        });
        if (!ended) {
            return streamNotEnded(attempts.get(), new StringBuilder(), null, chunks[0]);
        }
        return answer(accumulator.chatCompletion().validate(), attempts.get(), chunks[0]);
    }

    private SdkAnswer answer(ChatCompletion completion, int attempts, int chunks) {
        completion.usage().ifPresent(u -> courtesy.metrics().recordTokens(u.promptTokens(), u.completionTokens()));
        ChatCompletion.Choice choice = completion.choices().get(0);
        ArrayNode calls = Json.MAPPER.createArrayNode();
        // The function branch of the SDK's tool-call union is the type "function": a call of another type reads elsewhere.
        for (var call : choice.message().toolCalls().orElse(List.of())) {
            call.function().ifPresent(f -> calls.addObject().put("id", f.id()).put("type", "function")
                    .put("name", f.function().name()).put("arguments", f.function().arguments()));
        }
        return new SdkAnswer(null, null, null, attempts, choice.message().content().orElse(null), choice.finishReason().asString(),
                chunks, calls);
    }

    private SdkAnswer structured(StructuredChatCompletion<CityFacts> completion, int attempts) {
        var choice = completion.choices().get(0);
        String content = choice.message().content().map(facts -> {
            try {
                return Json.MAPPER.writeValueAsString(facts);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(null);
        return new SdkAnswer(null, null, null, attempts, content, choice.finishReason().asString(), 0);
    }

    private SdkAnswer completeNow(String apiKey, String model, Map<String, String> headers, int retries) {
        long start = System.nanoTime();
        try {
            return completeTimed(apiKey, model, headers, retries);
        } finally {
            Timings.first("SDK first call openai-java (in process: its classes load here)",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private SdkAnswer completeTimed(String apiKey, String model, Map<String, String> headers, int retries) {
        AtomicInteger attempts = new AtomicInteger();
        OpenAIClient client = client(apiKey, headers, retries, attempts);
        try {
            ChatCompletion completion = client.chat().completions().create(params(model));
            completion.usage().ifPresent(u -> courtesy.metrics().recordTokens(u.promptTokens(), u.completionTokens()));
            ChatCompletion.Choice choice = completion.choices().get(0);
            return new SdkAnswer(null, null, null, attempts.get(), choice.message().content().orElse(""),
                    choice.finishReason().asString(), 0);
        } catch (RuntimeException e) {
            return failure(e, attempts.get());
        } finally {
            client.close();
        }
    }

    private SdkAnswer streamNow(String apiKey, String model, Map<String, String> headers) {
        AtomicInteger attempts = new AtomicInteger();
        OpenAIClient client = client(apiKey, headers, 0, attempts);
        StringBuilder content = new StringBuilder();
        String finish = null;
        int chunks = 0;
        AtomicBoolean cut = new AtomicBoolean();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params(model))) {
            var cutOff = Watchdog.after(deadline.toMillis(), () -> {
                cut.set(true);
                stream.close();
            });
            try {
                for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                    chunk.validate();
                    chunks++;
                    for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                        choice.delta().content().ifPresent(content::append);
                        if (choice.finishReason().isPresent()) {
                            finish = choice.finishReason().get().asString();
                        }
                    }
                }
            } finally {
                cutOff.cancel(false);
            }
            if (cut.get()) {
                return streamNotEnded(attempts.get(), content, finish, chunks);
            }
            return new SdkAnswer(null, null, null, attempts.get(), content.toString(), finish, chunks);
        } catch (RuntimeException e) {
            return cut.get() ? streamNotEnded(attempts.get(), content, finish, chunks) : failure(e, attempts.get());
        } finally {
            client.close();
        }
    }

    @Override
    public String toString() {
        return name() + " " + version();
    }

    @Override
    public String errorClassFor(int status) {
        return switch (status) {
            case 400 -> "BadRequestException";
            case 401 -> "UnauthorizedException";
            case 403 -> "PermissionDeniedException";
            case 404 -> "NotFoundException";
            case 422 -> "UnprocessableEntityException";
            case 429 -> "RateLimitException";
            default -> status >= 500 ? "InternalServerException" : "UnexpectedStatusCodeException";
        };
    }

    private OpenAIClient client(String apiKey, Map<String, String> headers, int retries, AtomicInteger attempts) {
        // Counts this call's requests, and meters them with the suite's own: an SDK call costs what any call costs.
        OkHttpClient counting = new OkHttpClient.Builder().dispatcher(dispatcher).addInterceptor(chain -> {
            if (courtesy.stoppedReason() != null) {
                throw new IOException("not sent: " + courtesy.stoppedReason()); // the SDK's own retries end at once too
            }
            attempts.incrementAndGet();
            okhttp3.Response response = chain.proceed(chain.request());
            courtesy.metrics().record(chain.request().method(), chain.request().url().toString(), response.code(), "");
            return response;
        }).build();
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey)
                .maxRetries(retries).responseValidation(true).timeout(deadline).okHttpClient(counting);
        headers.forEach(builder::putHeader);
        return builder.build();
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say OK.").maxTokens(16).build();
    }

    private SdkAnswer streamNotEnded(int attempts, StringBuilder content, String finish, int chunks) {
        return new SdkAnswer("StreamNotEnded", null, "the stream did not end within " + deadline.toMillis() + " ms",
                attempts, content.toString(), finish, chunks);
    }

    private static SdkAnswer failure(RuntimeException e, int attempts) {
        Integer status = e instanceof OpenAIServiceException service ? service.statusCode() : null;
        SdkAnswer answer = new SdkAnswer(e.getClass().getSimpleName(), status, String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                attempts, null, null, 0);
        return e instanceof OpenAIServiceException service ? answer.withErrorFields(typedFields(service)) : answer;
    }

    /** code(), type() and param() read as an application's error handler reads them; the first that throws is named. */
    private static ObjectNode typedFields(OpenAIServiceException e) {
        var fields = Json.MAPPER.createObjectNode();
        String thrown = null;
        Map<String, Supplier<Optional<String>>> accessors = new LinkedHashMap<>();
        accessors.put("code", e::code);
        accessors.put("type", e::type);
        accessors.put("param", e::param);
        for (var accessor : accessors.entrySet()) {
            try {
                fields.put(accessor.getKey(), accessor.getValue().get().orElse(null));
            } catch (RuntimeException raised) {
                fields.putNull(accessor.getKey());
                thrown = thrown != null ? thrown : accessor.getKey() + "() threw " + raised.getClass().getSimpleName() + ": "
                        + String.valueOf(raised.getMessage()).lines().findFirst().orElse("");
            }
        }
        return fields.put("thrown", thrown);
    }
}
