package dev.tollgate.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapters.rest.RestClients;
import dev.tollgate.credentials.ZendeskCredentials;
import dev.tollgate.ticket.Backoff;
import dev.tollgate.ticket.Comment;
import dev.tollgate.ticket.Deadline;
import dev.tollgate.ticket.Role;
import dev.tollgate.ticket.Ticket;
import dev.tollgate.ticket.TicketRefused;
import dev.tollgate.ticket.TicketSource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The tenant's Zendesk: the ticket, then every comment page by page (cursor pagination, 100 a page,
 * authors sideloaded to tell end users from agents), and private notes back. Comments are mapped to
 * the domain's {@link Comment} as soon as a page arrives: IP address, location, client and every
 * other bit of metadata are never copied anywhere. 429 waits Retry-After (or a jittered backoff),
 * 5xx is retried, both a bounded number of times and never past the deadline; 404 is
 * TICKET_NOT_FOUND, 401/403 INTEGRATION_AUTH_FAILED. Nothing Zendesk answers ever reaches an
 * exception message or a log.
 */
public final class ZendeskTicketSource implements TicketSource {

    static final int PAGE_SIZE = 100;
    private static final String WHO = "Zendesk";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrlTemplate;
    private final Backoff backoff;
    private final int maxPages;
    private final Clock clock;
    private final Duration readTimeout;
    private final RestClients<ZendeskApi> clients = new RestClients<>(64);

    /** @param baseUrlTemplate the operator's base URL with {@code {subdomain}} in it; never a tenant's */
    public ZendeskTicketSource(String baseUrlTemplate, Backoff backoff, int maxPages, Duration readTimeout, Clock clock) {
        this.baseUrlTemplate = baseUrlTemplate;
        this.readTimeout = readTimeout;
        this.backoff = backoff;
        this.maxPages = maxPages;
        this.clock = clock;
    }

    @Override
    public Ticket fetch(ZendeskCredentials credentials, long ticketId, Deadline deadline) {
        String auth = authorization(credentials);
        ZendeskApi api = client(credentials);
        try {
            JsonNode ticket = call(deadline, "reading the ticket", () -> api.ticket(auth, ticketId)).path("ticket");
            if (!ticket.isObject()) {
                throw TicketRefused.failed(WHO, "the ticket answer has no ticket");
            }
            List<RawComment> raw = new ArrayList<>();
            Map<Long, Author> authors = new HashMap<>();
            String after = null;
            for (int page = 0; ; page++) {
                if (page == maxPages) {
                    throw TicketRefused.failed(WHO, "the ticket has more than " + maxPages * PAGE_SIZE + " comments");
                }
                String cursor = after;
                JsonNode answer = call(deadline, "reading comments",
                        () -> api.comments(auth, ticketId, PAGE_SIZE, cursor, "users"));
                answer.path("users").forEach(u -> authors.put(u.path("id").asLong(),
                        new Author(u.path("role").asText("end-user"), text(u, "locale"))));
                answer.path("comments").forEach(c -> raw.add(RawComment.of(c)));
                if (!answer.path("meta").path("has_more").asBoolean(false)) {
                    break;
                }
                after = nextCursor(answer).orElseThrow(() -> TicketRefused.failed(WHO,
                        "a comment page says there are more but gives no cursor"));
            }
            long requester = ticket.path("requester_id").asLong(-1);
            List<Comment> comments = raw.stream().map(c -> c.toComment(authors, requester)).toList();
            List<String> tags = new ArrayList<>();
            ticket.path("tags").forEach(t -> tags.add(t.asText()));
            return new Ticket(ticketId, ticket.path("subject").asText(""), ticket.path("status").asText("unknown"),
                    text(ticket, "priority"), tags,
                    Optional.ofNullable(authors.get(requester)).flatMap(Author::locale), comments);
        } catch (RuntimeException e) {
            throw safe(e);
        }
    }

    @Override
    public void addPrivateNote(ZendeskCredentials credentials, long ticketId, String body, Deadline deadline) {
        ObjectNode update = JSON.createObjectNode();
        ObjectNode comment = update.putObject("ticket").putObject("comment");
        comment.put("body", body);
        comment.put("public", false);
        String auth = authorization(credentials);
        ZendeskApi api = client(credentials);
        try {
            call(deadline, "writing the note", () -> api.update(auth, ticketId, update.toString()));
        } catch (RuntimeException e) {
            throw safe(e);
        }
    }

    /** A comment as it arrived, reduced at once to what the domain keeps. */
    private record RawComment(long id, long authorId, boolean isPublic, Instant createdAt, String body, boolean html) {
        static RawComment of(JsonNode c) {
            String html = c.path("html_body").asText("");
            boolean isHtml = !html.isBlank();
            Instant created;
            try {
                created = Instant.parse(c.path("created_at").asText());
            } catch (RuntimeException unparsable) {
                created = Instant.EPOCH;
            }
            return new RawComment(c.path("id").asLong(), c.path("author_id").asLong(), c.path("public").asBoolean(true),
                    created, isHtml ? html : c.path("plain_body").asText(c.path("body").asText("")), isHtml);
        }

        Comment toComment(Map<Long, Author> authors, long requester) {
            Role role;
            if (!isPublic) {
                role = Role.INTERNAL_NOTE;
            } else {
                Author author = authors.get(authorId);
                boolean staff = author != null ? !"end-user".equals(author.role()) : authorId != requester;
                role = staff ? Role.AGENT : Role.END_USER;
            }
            return new Comment(id, role, createdAt, body, html);
        }
    }

    private record Author(String role, Optional<String> locale) {
    }

    /**
     * The next page's cursor from {@code links.next} (or {@code meta.after_cursor}). Only the cursor is
     * taken, never the URL: the next request goes to the operator's base URL, wherever the link points.
     */
    static Optional<String> nextCursor(JsonNode page) {
        String next = page.path("links").path("next").asText("");
        if (!next.isEmpty()) {
            String query = URI.create(next).getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("page[after]")) {
                        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        String cursor = page.path("meta").path("after_cursor").asText("");
        return cursor.isEmpty() ? Optional.empty() : Optional.of(cursor);
    }

    private JsonNode call(Deadline deadline, String during, java.util.function.Supplier<CompletionStage<Response>> request) {
        for (int attempt = 1; ; attempt++) {
            deadline.check(during + " from Zendesk");
            Response response = await(deadline, during, request.get());
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return body(response);
            }
            Optional<Duration> asked = Backoff.asked(response.getHeaderString("Retry-After"), null, clock.instant());
            response.close();
            if (status == 404) {
                throw TicketRefused.of(TicketRefused.Reason.TICKET_NOT_FOUND, "Zendesk has no such ticket, or the "
                        + "tenant's credentials cannot see it");
            }
            if (status == 401 || status == 403) {
                throw TicketRefused.of(TicketRefused.Reason.INTEGRATION_AUTH_FAILED, "Zendesk refused the tenant's "
                        + "credentials (HTTP " + status + "); staff should store them again");
            }
            boolean retryable = status == 429 || status >= 500;
            if (!retryable) {
                throw TicketRefused.failed(WHO, "HTTP " + status + " while " + during);
            }
            Optional<Duration> wait = backoff.nextWait(attempt, asked, deadline);
            if (wait.isEmpty()) {
                if (status == 429 || status == 503) {
                    throw TicketRefused.busy(WHO, asked.orElse(Duration.ofSeconds(30)));
                }
                throw TicketRefused.failed(WHO, "HTTP " + status + " while " + during + ", after " + attempt + " attempts");
            }
            Backoff.pause(wait.get());
        }
    }

    private static Response await(Deadline deadline, String during, CompletionStage<Response> pending) {
        try {
            return pending.toCompletableFuture().get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.toCompletableFuture().cancel(true);
            throw TicketRefused.deadline(during + " from Zendesk");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TicketRefused.deadline(during + " from Zendesk");
        } catch (ExecutionException e) {
            // Connection refused, reset, timed out: the type is enough, the message could name a body.
            // The client's read timeout is the deadline's remainder: a timeout here is the deadline.
            if (deadline.remainingMillis() < 250 || e.getCause().getClass().getSimpleName().contains("Timeout")) {
                throw TicketRefused.deadline(during + " from Zendesk");
            }
            // The caller sees no class name (issue 14: no internal names in any answer).
            throw TicketRefused.failed(WHO, "no answer while " + during);
        }
    }

    private static JsonNode body(Response response) {
        try (response) {
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw TicketRefused.failed(WHO, "an answer that is not JSON");
        }
    }

    /**
     * One client per tenant's Zendesk, kept while the container lives (building one costs tens of
     * milliseconds). Its read timeout is a whole request's deadline; each call waits at most what remains of
     * its own request's deadline and is abandoned then.
     */
    private ZendeskApi client(ZendeskCredentials credentials) {
        URI base = URI.create(baseUrlTemplate.replace("{subdomain}", credentials.subdomain()));
        return clients.get(base, () -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(5_000, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                // Every status comes back as a Response; this adapter decides what each one means.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(ZendeskApi.class));
    }

    static String authorization(ZendeskCredentials credentials) {
        return switch (credentials.auth()) {
            case OAUTH -> "Bearer " + credentials.token();
            case API_TOKEN -> "Basic " + Base64.getEncoder().encodeToString(
                    (credentials.email().orElseThrow() + "/token:" + credentials.token()).getBytes(StandardCharsets.UTF_8));
        };
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Tollgate's refusals pass; anything else is replaced by one that names only its type. */
    private static TicketRefused safe(RuntimeException e) {
        return e instanceof TicketRefused refused ? refused
                : TicketRefused.failed(WHO, "an unexpected failure");
    }

}
