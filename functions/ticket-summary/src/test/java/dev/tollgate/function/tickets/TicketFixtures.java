package dev.tollgate.function.tickets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tollgate.credentials.ModelCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The providers' published shapes (files under src/test/resources), filled in and stubbed on WireMock. */
final class TicketFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String SUMMARY = "Maria's invoice export fails with E-502 since Monday; she needs it for month-end "
            + "closing. Agents confirmed a known bug in 4.2, fix due Friday. Next: offer a manual export.";
    static final String REPLY = "{\"reply\": \"Hola Maria, gracias por tu paciencia. El error es conocido y la "
            + "correccion llega el viernes; mientras tanto te enviamos la exportacion manual.\", \"language\": \"es\", "
            + "\"needsHuman\": false}";
    static final String TRIAGE = "```json\n{\"intent\": {\"value\": \"bug_report\", \"confidence\": 0.92}, "
            + "\"sentiment\": {\"value\": \"negative\", \"confidence\": 0.81}, \"language\": {\"value\": \"en\", "
            + "\"confidence\": 0.97}, \"suggestedPriority\": \"high\", \"suggestedTags\": [\"billing\", \"export\", "
            + "\"known_bug\"]}\n```";

    private TicketFixtures() {
    }

    static String file(String path, Map<String, String> values) {
        try (InputStream in = TicketFixtures.class.getResourceAsStream("/" + path)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : values.entrySet()) {
                text = text.replace("{{" + v.getKey() + "}}", v.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String zendeskPath(String subdomain, long ticketId, String rest) {
        return "/zendesk/" + subdomain + "/api/v2/tickets/" + ticketId + rest;
    }

    /** The ticket and its two comment pages; {@code marker} goes into the subject and comments. */
    static void stubTicket(String subdomain, long ticketId, String marker) {
        stubTicket(subdomain, ticketId, marker, 0);
    }

    /** {@link #stubTicket(String, long, String)}, each answer {@code delayMs} late. */
    static void stubTicket(String subdomain, long ticketId, String marker, int delayMs) {
        Map<String, String> values = Map.of("ticketId", Long.toString(ticketId), "marker", marker,
                "subject", "Invoice export broken " + marker);
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(subdomain, ticketId, ".json")))
                .willReturn(json(200, file("zendesk/ticket.json", values)).withFixedDelay(delayMs)));
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(subdomain, ticketId, "/comments.json")))
                .withQueryParam("page[size]", equalTo("100")).withQueryParam("include", equalTo("users"))
                .withQueryParam("page[after]", absent())
                .willReturn(json(200, file("zendesk/comments-page-1.json", values)).withFixedDelay(delayMs)));
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(subdomain, ticketId, "/comments.json")))
                .withQueryParam("page[after]", equalTo("xyz1"))
                .willReturn(json(200, file("zendesk/comments-page-2.json", values)).withFixedDelay(delayMs)));
        Upstreams.wiremock().stubFor(put(urlPathEqualTo(zendeskPath(subdomain, ticketId, ".json")))
                .willReturn(json(200, file("zendesk/ticket-updated.json", values))));
    }

    /** Where a tenant's model answers, matched by its own API key so tests never share a stub. */
    static MappingBuilder modelCall(ModelCredentials model) {
        return switch (model.provider()) {
            case ANTHROPIC -> post(urlPathEqualTo("/anthropic/v1/messages")).withHeader("x-api-key", equalTo(model.apiKey()))
                    .withHeader("anthropic-version", equalTo("2023-06-01"));
            case OPENAI -> post(urlPathEqualTo("/openai/v1/chat/completions"))
                    .withHeader("Authorization", equalTo("Bearer " + model.apiKey()));
            case OPENAI_COMPATIBLE -> post(urlPathEqualTo(model.baseUrl().orElseThrow().getPath() + "/chat/completions"))
                    .withHeader("Authorization", equalTo("Bearer " + model.apiKey()));
        };
    }

    /** The provider's success answer carrying {@code text}; the compatible server reports no usage. */
    /** What the tenant's model was asked, in order. */
    static java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> modelCalls(ModelCredentials model) {
        return Upstreams.wiremock().findAll(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.like(
                modelCall(model).build().getRequest()));
    }

    static String modelAnswer(ModelCredentials model, String text) {
        Map<String, String> values = Map.of("text", quoted(text), "model", model.model());
        return switch (model.provider()) {
            case ANTHROPIC -> file("anthropic/message.json", values);
            case OPENAI -> file("openai/chat-completion.json", values);
            case OPENAI_COMPATIBLE -> file("openai/chat-completion-no-usage.json", values);
        };
    }

    static void stubModel(ModelCredentials model, String text) {
        Upstreams.wiremock().stubFor(modelCall(model).willReturn(json(200, modelAnswer(model, text))));
    }
}
