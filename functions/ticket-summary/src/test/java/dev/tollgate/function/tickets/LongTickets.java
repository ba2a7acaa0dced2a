package dev.tollgate.function.tickets;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tollgate.function.tickets.TicketFixtures.json;
import static dev.tollgate.function.tickets.TicketFixtures.zendeskPath;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** A Zendesk ticket with thousands of comments, served page by page as Zendesk does (100 a page, cursors). */
final class LongTickets {

    private LongTickets() {
    }

    static void stub(String subdomain, long ticketId, int comments, int delayMs) {
        Upstreams.wiremock().stubFor(get(urlPathEqualTo(zendeskPath(subdomain, ticketId, ".json")))
                .willReturn(json(200, TicketFixtures.file("zendesk/ticket.json", Map.of("ticketId", Long.toString(ticketId),
                        "subject", "Nightly sync keeps failing"))).withFixedDelay(delayMs)));
        int pages = (comments + 99) / 100;
        for (int page = 0; page < pages; page++) {
            ObjectNode answer = TicketFixtures.JSON.createObjectNode();
            ArrayNode list = answer.putArray("comments");
            for (int i = page * 100; i < Math.min(comments, (page + 1) * 100); i++) {
                boolean customer = i % 2 == 0;
                ObjectNode c = list.addObject();
                c.put("id", 100_000 + i);
                c.put("type", "Comment");
                c.put("author_id", customer ? 9001 : 7001);
                c.put("public", i % 7 != 3);
                c.put("created_at", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i).toString());
                c.put("body", comment(i, customer));
                c.put("html_body", "<p>" + comment(i, customer) + "</p>");
                c.putObject("metadata").putObject("system").put("ip_address", "203.0.113." + (i % 250));
            }
            ArrayNode users = answer.putArray("users");
            users.addObject().put("id", 9001).put("role", "end-user").put("locale", "de");
            users.addObject().put("id", 7001).put("role", "agent").put("locale", "en-US");
            boolean more = page < pages - 1;
            answer.putObject("meta").put("has_more", more).put("after_cursor", "c" + (page + 1));
            answer.putObject("links").put("next", more ? "https://acme.zendesk.com/api/v2/tickets/" + ticketId
                    + "/comments.json?page%5Bafter%5D=c" + (page + 1) + "&page%5Bsize%5D=100" : null);
            var request = get(urlPathEqualTo(zendeskPath(subdomain, ticketId, "/comments.json")));
            request = page == 0 ? request.withQueryParam("page[after]", absent())
                    : request.withQueryParam("page[after]", equalTo("c" + page));
            Upstreams.wiremock().stubFor(request.willReturn(json(200, answer.toString()).withFixedDelay(delayMs)));
        }
    }

    private static String comment(int i, boolean customer) {
        return customer
                ? "Update " + i + ": the nightly sync of the warehouse stock failed again at 02:00 with timeout "
                        + "error W-" + (400 + i % 90) + ". We restarted the connector as you suggested, cleared the "
                        + "cache and checked the firewall, but the job still stops after about twelve minutes. "
                        + "Please tell us what else to try; our stores open at seven."
                : "Reply " + i + ": thanks for the logs. We see the export worker hitting the 10 minute limit on "
                        + "batch " + (i % 40) + ". We raised the limit for your account and will watch tonight's run; "
                        + "if it fails again we will escalate to the platform team.";
    }
}
