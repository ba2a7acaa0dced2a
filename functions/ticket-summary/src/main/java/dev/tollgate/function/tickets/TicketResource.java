package dev.tollgate.function.tickets;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.ticket.ProcessTicket;
import dev.tollgate.ticket.SuggestReply;
import dev.tollgate.ticket.SummariseTicket;
import dev.tollgate.ticket.TicketRefused;
import dev.tollgate.ticket.TriageTicket;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /v1/tickets/{ticketId}/summary}, {@code /reply-suggestion} and {@code /triage}, for the
 * installed Zendesk app. The licence key comes as {@code Authorization: Bearer <key>} (never in the
 * URL); the optional body is {@code {"locale", "writeBack"}}; {@code Idempotency-Key} makes a retry
 * safe. The answer is built, returned and forgotten.
 */
@Path("/v1/tickets/{ticketId}")
@Startup
@RegisterForReflection(targets = {SummariseTicket.Result.class, SuggestReply.Result.class, TriageTicket.Result.class,
        TriageTicket.Scored.class})
public class TicketResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ProcessTicket processTicket;

    public TicketResource(ProcessTicket processTicket) {
        this.processTicket = processTicket;
    }

    @POST
    @Path("/{operation:summary|reply-suggestion|triage}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response process(@PathParam("ticketId") String ticketId, @PathParam("operation") String operation,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, byte[] body) {
        Optional<String> key = bearer(authorization);
        if (key.isEmpty()) {
            return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                    .entity(Problem.of(401, "UNAUTHENTICATED", "Licence key required",
                            "send the licence key as 'Authorization: Bearer <licence key>'")).build();
        }
        Options options = body == null || body.length == 0 ? Options.NONE : JsonBodies.read(body, Options.class);
        ProcessTicket.Request request;
        try {
            request = new ProcessTicket.Request(operation, key.get(), ticketId(ticketId), Optional.ofNullable(idempotencyKey),
                    options.locale(), options.writeBack().orElse(false));
        } catch (IllegalArgumentException invalid) {
            throw ProblemException.badRequest(invalid.getMessage());
        }
        try {
            ProcessTicket.Answer a = processTicket.process(request);
            return Response.ok(new TicketAnswer(a.ticketId(), a.operation(), a.result(),
                            new ModelView(a.provider(), a.model()),
                            new UsageView(a.inputTokens(), a.outputTokens(), a.usageEstimated(), a.modelCalls()),
                            a.estimatedCostUsd().orElse(null), a.took().toMillis(), a.parts(), a.writtenBack(),
                            a.redacted()))
                    .header("Cache-Control", "no-store").build();
        } catch (TicketRefused refused) {
            return refusal(refused);
        }
    }

    /** The licence key from {@code Authorization: Bearer <key>}; empty (401) for anything else. */
    static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parts[1].strip());
    }

    private static long ticketId(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
            throw ProblemException.badRequest("the ticket id is Zendesk's numeric ticket id");
        }
        return Long.parseLong(text);
    }

    static Response refusal(TicketRefused refused) {
        TicketRefused.Reason reason = refused.reason();
        int status = switch (reason) {
            case MALFORMED_KEY -> 400;
            case NOT_FOUND, TICKET_NOT_FOUND -> 404;
            case EXPIRED, SUSPENDED, CANCELLED -> 403;
            case INTEGRATION_NOT_CONFIGURED, DUPLICATE_IN_FLIGHT, ALREADY_PROCESSED -> 409;
            case INTEGRATION_AUTH_FAILED, UPSTREAM_FAILED, MODEL_OUTPUT_INVALID -> 502;
            case UPSTREAM_BUSY -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case INTERNAL -> 500;
        };
        Problem problem = Problem.of(status, reason.name(), title(reason), refused.getMessage());
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new TicketProblem(problem.type(), problem.title(), status, problem.detail(), problem.code(),
                        refused.completedAt().orElse(null)));
        refused.retryAfter().ifPresent(wait -> response.header("Retry-After",
                Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
        return response.build();
    }

    private static String title(TicketRefused.Reason reason) {
        return switch (reason) {
            case MALFORMED_KEY -> "Malformed licence key";
            case NOT_FOUND -> "Licence not found";
            case EXPIRED -> "Licence expired";
            case SUSPENDED -> "Licence suspended";
            case CANCELLED -> "Licence cancelled";
            case INTEGRATION_NOT_CONFIGURED -> "Integration not configured";
            case DUPLICATE_IN_FLIGHT -> "Duplicate request in flight";
            case ALREADY_PROCESSED -> "Already processed";
            case TICKET_NOT_FOUND -> "Ticket not found";
            case INTEGRATION_AUTH_FAILED -> "Integration credentials refused";
            case UPSTREAM_BUSY -> "Upstream busy";
            case UPSTREAM_FAILED -> "Upstream failed";
            case MODEL_OUTPUT_INVALID -> "Model output invalid";
            case DEADLINE_EXCEEDED -> "Deadline exceeded";
            case INTERNAL -> "Internal error";
        };
    }

    /** The optional body: the agent's locale, and whether to post the result as a private note. */
    @RegisterForReflection
    public record Options(Optional<String> locale, Optional<Boolean> writeBack) {
        static final Options NONE = new Options(Optional.empty(), Optional.empty());
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TicketAnswer(long ticketId, String operation, Object result, ModelView model, UsageView usage,
                               BigDecimal estimatedCostUsd, long durationMs, int parts, boolean writtenBack,
                               boolean redacted) {
    }

    @RegisterForReflection
    public record ModelView(String provider, String name) {
    }

    @RegisterForReflection
    public record UsageView(long inputTokens, long outputTokens, boolean estimated, int modelCalls) {
    }

    /** RFC 9457 with one extension member, {@code completedAt}, for ALREADY_PROCESSED. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TicketProblem(String type, String title, int status, String detail, String code, Instant completedAt) {
    }

}
