package dev.tollgate.wiring;

import dev.tollgate.credentials.OpenCredentials;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.ticket.DedupMarkers;
import dev.tollgate.ticket.LanguageModel;
import dev.tollgate.ticket.PriceTable;
import dev.tollgate.ticket.ProcessTicket;
import dev.tollgate.ticket.Redactor;
import dev.tollgate.ticket.TicketSource;
import dev.tollgate.ticket.TokenCounter;
import dev.tollgate.usage.UsageLedger;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transient ticket processing: licences, opened credentials, the help desk, the model, the dedup
 * markers and the usage ledger. Needs the zendesk and models adapters, and credential-opening.
 */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.tickets", stringValue = "true")
public class TicketWiring {

    private ExecutorService parts;

    @Produces
    @Singleton
    ProcessTicket processTicket(LicenseKeyFormat format, LicenseLookup lookup, OpenCredentials credentials,
                                TicketSource tickets, LanguageModel model, DedupMarkers markers, UsageLedger usage,
                                TollgateConfig config, RetentionPolicy retention, Clock clock) {
        TollgateConfig.TicketsConfig t = config.tickets();
        TokenCounter.warmUp(); // at start (and into a SnapStart snapshot), not on the first request
        AtomicInteger n = new AtomicInteger();
        parts = Executors.newFixedThreadPool(t.parallelism(), task -> {
            Thread thread = new Thread(task, "ticket-part-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new ProcessTicket(format, lookup, credentials, tickets, model, markers, usage, prices(config),
                new ProcessTicket.Settings(t.deadline(), t.contextBudgetTokens(), t.summaryWords(), t.maxOutputTokens(),
                        t.partNotesWords(), retention.dedupMarkers()),
                new Redactor(t.redactionPhoneRegions()), parts, clock);
    }

    static PriceTable prices(TollgateConfig config) {
        Map<String, Map<String, PriceTable.Price>> prices = new HashMap<>();
        config.models().prices().forEach((provider, models) -> models.forEach((model, price) ->
                prices.computeIfAbsent(provider, p -> new HashMap<>())
                        .put(model, new PriceTable.Price(price.inputPerMtok(), price.outputPerMtok()))));
        return new PriceTable(prices);
    }

    @PreDestroy
    void stop() {
        if (parts != null) {
            parts.shutdownNow();
        }
    }
}
