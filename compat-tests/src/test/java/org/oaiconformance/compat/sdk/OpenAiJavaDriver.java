package org.oaiconformance.compat.sdk;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import okhttp3.OkHttpClient;
import org.oaiconformance.contract.http.Watchdog;
import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.metrics.RunMetrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

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
        try (InputStream in = OpenAiJavaDriver.class.getResourceAsStream("/sdk-versions.properties")) {
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

    private SdkAnswer completeNow(String apiKey, String model, Map<String, String> headers, int retries) {
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
        java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();
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
        return new SdkAnswer(e.getClass().getSimpleName(), status, String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                attempts, null, null, 0);
    }
}
