package dev.tollgate.adapters.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapters.rest.RestClients;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.ticket.Backoff;
import dev.tollgate.ticket.Deadline;
import dev.tollgate.ticket.LanguageModel;
import dev.tollgate.ticket.TicketRefused;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The tenant's model, by provider: Anthropic Messages, OpenAI Chat Completions, or an OpenAI-compatible
 * server at the tenant's base URL. Answers are read as trees, so fields a provider adds are ignored;
 * usage is taken from the answer when it has one. 429, 529 and 5xx are retried a bounded number of
 * times, waiting what {@code retry-after-ms} / {@code retry-after} ask or a jittered backoff, never
 * past the deadline; then a busy provider is UPSTREAM_BUSY (503 with Retry-After) and a failing one
 * UPSTREAM_FAILED (502). The provider's words never reach an exception or a log.
 */
public final class ProviderModels implements LanguageModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI anthropicBaseUrl;
    private final URI openaiBaseUrl;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration readTimeout;
    private final RestClients<Object> clients = new RestClients<>(64);

    public ProviderModels(URI anthropicBaseUrl, URI openaiBaseUrl, Backoff backoff, Duration readTimeout, Clock clock) {
        this.readTimeout = readTimeout;
        this.anthropicBaseUrl = anthropicBaseUrl;
        this.openaiBaseUrl = openaiBaseUrl;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public Reply complete(ModelCredentials credentials, Call call, Deadline deadline) {
        try {
            return switch (credentials.provider()) {
                case ANTHROPIC -> anthropic(credentials, call, deadline);
                case OPENAI -> openAi(credentials, openaiBaseUrl, "max_completion_tokens", call, deadline);
                case OPENAI_COMPATIBLE -> openAi(credentials, credentials.baseUrl().orElseThrow(), "max_tokens", call,
                        deadline);
            };
        } catch (TicketRefused refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw TicketRefused.failed(who(credentials), "an unexpected failure");
        }
    }

    private Reply anthropic(ModelCredentials credentials, Call call, Deadline deadline) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", credentials.model());
        body.put("max_tokens", call.maxOutputTokens());
        body.put("system", call.system());
        body.putArray("messages").addObject().put("role", "user").put("content", call.user());
        String json = body.toString();
        JsonNode answer = withClient(anthropicBaseUrl, AnthropicApi.class, deadline, api -> post(credentials, deadline,
                () -> api.messages(credentials.apiKey(), AnthropicApi.VERSION, json)));
        StringBuilder text = new StringBuilder();
        answer.path("content").forEach(block -> {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        });
        JsonNode usage = answer.path("usage");
        Optional<Usage> reported = usage.path("input_tokens").isNumber() && usage.path("output_tokens").isNumber()
                ? Optional.of(new Usage(usage.path("input_tokens").asLong()
                        + usage.path("cache_creation_input_tokens").asLong(0)
                        + usage.path("cache_read_input_tokens").asLong(0), usage.path("output_tokens").asLong()))
                : Optional.empty();
        return new Reply(text.toString(), reported);
    }

    private Reply openAi(ModelCredentials credentials, URI baseUrl, String maxTokensField, Call call, Deadline deadline) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", credentials.model());
        body.put(maxTokensField, call.maxOutputTokens());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", call.system());
        messages.addObject().put("role", "user").put("content", call.user());
        String json = body.toString();
        JsonNode answer = withClient(baseUrl, OpenAiApi.class, deadline, api -> post(credentials, deadline,
                () -> api.chatCompletions("Bearer " + credentials.apiKey(), json)));
        JsonNode content = answer.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw TicketRefused.of(TicketRefused.Reason.MODEL_OUTPUT_INVALID, who(credentials)
                    + " answered without text (a refusal, or no choices)");
        }
        JsonNode usage = answer.path("usage");
        Optional<Usage> reported = usage.path("prompt_tokens").isNumber() && usage.path("completion_tokens").isNumber()
                ? Optional.of(new Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong()))
                : Optional.empty();
        return new Reply(content.asText(), reported);
    }

    private JsonNode post(ModelCredentials credentials, Deadline deadline,
                          java.util.function.Supplier<CompletionStage<Response>> request) {
        String who = who(credentials);
        for (int attempt = 1; ; attempt++) {
            deadline.check("waiting for " + who);
            Response response = await(who, deadline, request.get());
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return body(who, response);
            }
            Optional<Duration> asked = Backoff.asked(response.getHeaderString("retry-after"),
                    response.getHeaderString("retry-after-ms"), clock.instant());
            response.close();
            if (status == 401 || status == 403) {
                throw TicketRefused.of(TicketRefused.Reason.INTEGRATION_AUTH_FAILED, who + " refused the tenant's API key "
                        + "(HTTP " + status + "); staff should store it again");
            }
            boolean busy = status == 429 || status == 529 || status == 503;
            if (!busy && status < 500) {
                throw TicketRefused.failed(who, "HTTP " + status + " (the model name, or a request it does not accept)");
            }
            Optional<Duration> wait = backoff.nextWait(attempt, asked, deadline);
            if (wait.isEmpty()) {
                if (busy) {
                    throw TicketRefused.busy(who, asked.orElse(Duration.ofSeconds(30)));
                }
                throw TicketRefused.failed(who, "HTTP " + status + ", after " + attempt + " attempts");
            }
            Backoff.pause(wait.get());
        }
    }

    private static Response await(String who, Deadline deadline, CompletionStage<Response> pending) {
        try {
            return pending.toCompletableFuture().get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.toCompletableFuture().cancel(true);
            throw TicketRefused.deadline("waiting for " + who);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TicketRefused.deadline("waiting for " + who);
        } catch (ExecutionException e) {
            // The client's read timeout is the deadline's remainder: a timeout here is the deadline.
            if (deadline.remainingMillis() < 250 || e.getCause().getClass().getSimpleName().contains("Timeout")) {
                throw TicketRefused.deadline("waiting for " + who);
            }
            // The caller sees no class name (issue 14: no internal names in any answer).
            throw TicketRefused.failed(who, "no answer");
        }
    }

    private static JsonNode body(String who, Response response) {
        try (response) {
            String text = response.readEntity(String.class);
            JsonNode tree = text == null ? null : JSON.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw TicketRefused.failed(who, "an answer that is not a JSON object");
            }
            return tree;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TicketRefused refused) {
                throw refused;
            }
            throw TicketRefused.failed(who, "an answer that is not JSON");
        }
    }

    /**
     * The client for a base URL, kept for the container's life (see {@link RestClients}); its read
     * timeout is a whole request's deadline, and each call waits at most what remains of its own request's.
     */
    private <A> JsonNode withClient(URI baseUrl, Class<A> api, Deadline deadline, Function<A, JsonNode> use) {
        @SuppressWarnings("unchecked")
        A client = (A) clients.get(java.util.List.of(api, baseUrl), () -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(5_000, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(api));
        return use.apply(client);
    }

    private static String who(ModelCredentials credentials) {
        return switch (credentials.provider()) {
            case ANTHROPIC -> "Anthropic";
            case OPENAI -> "OpenAI";
            case OPENAI_COMPATIBLE -> "the tenant's OpenAI-compatible server";
        };
    }
}
