package dev.tollgate.adapters.zendesk;

import dev.tollgate.ticket.Backoff;
import dev.tollgate.ticket.TicketSource;
import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;

/** The help desk behind {@link TicketSource}: the operator's Zendesk base URL, checked at start. */
@Singleton
public class ZendeskWiring {

    static final String BASE_URL = "tollgate.zendesk.base-url";

    @Produces
    @Singleton
    TicketSource ticketSource(TollgateConfig config, Clock clock) {
        TollgateConfig.ZendeskConfig zendesk = config.zendesk();
        String template = Settings.required(java.util.Optional.of(zendesk.baseUrl()), BASE_URL,
                ZendeskWiring::isTemplate, "an http(s) URL with {subdomain} in it, or a fixed one");
        return new ZendeskTicketSource(template, new Backoff(zendesk.maxAttempts(), zendesk.backoffBase(),
                zendesk.backoffCap()), zendesk.maxPages(), config.tickets().deadline(), clock);
    }

    private static boolean isTemplate(String url) {
        try {
            URI uri = URI.create(url.replace("{subdomain}", "acme"));
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
