package dev.tollgate.ticket;

import dev.tollgate.credentials.EnvelopeCipher;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.credentials.OpenCredentials;
import dev.tollgate.credentials.ZendeskCredentials;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.MalformedKey;
import dev.tollgate.license.ParsedKey;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Transient ticket processing: the installed Zendesk app asks for a summary, a reply suggestion or a
 * triage of one ticket, with the tenant's licence key. The licence must be valid; the tenant's
 * Zendesk and model credentials are opened for this request only; the ticket is fetched, reduced to
 * text (and redacted, if the tenant asked), sent to the tenant's model with the tenant's key, and
 * the answer returned, optionally written back as a private note. Nothing of the content is kept:
 * what remains afterwards is a usage counter and, for an Idempotency-Key, a one-day marker.
 */
public final class ProcessTicket {

    private static final Logger LOG = Logger.getLogger(ProcessTicket.class);
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    /** Instructions and the answer's room, kept out of the ticket's share of the context budget. */
    private static final int RESERVED_FOR_INSTRUCTIONS = 600;

    private final LicenseKeyFormat format;
    private final LicenseLookup lookup;
    private final OpenCredentials credentials;
    private final TicketSource tickets;
    private final LanguageModel model;
    private final DedupMarkers markers;
    private final UsageLedger usage;
    private final PriceTable prices;
    private final Settings settings;
    private final UnaryOperator<String> redactor;
    private final LongTickets longTickets;
    private final Map<String, TicketOperation> operations;
    private final Clock clock;

    /**
     * @param deadline          how long a request may take in all (API Gateway gives up at 30 s)
     * @param contextBudgetTokens the most tokens of ticket one model call is given; longer tickets go in parts
     * @param summaryWords      the summary's length, about
     * @param maxOutputTokens   the cap on the final answer
     * @param partNotesWords    the length of each part's notes on a long ticket
     * @param dedupMarkerTtl    how long a completed Idempotency-Key is remembered (the promise: 1 day)
     */
    public record Settings(Duration deadline, int contextBudgetTokens, int summaryWords, int maxOutputTokens,
                           int partNotesWords, Duration dedupMarkerTtl) {
        public Settings {
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(dedupMarkerTtl, "dedupMarkerTtl");
            if (deadline.isNegative() || deadline.isZero() || summaryWords < 10 || maxOutputTokens < 16
                    || partNotesWords < 20) {
                throw new IllegalArgumentException("ticket settings out of range");
            }
        }

        /**
         * A marker still in flight after this is a dead run's: no run outlives the function's own timeout
         * (29 s on AWS), which the deadline plus five seconds covers.
         */
        Duration takeOverAfter() {
            return deadline.plusSeconds(5);
        }
    }

    public record Request(String operation, String licenseKey, long ticketId, Optional<String> idempotencyKey,
                          Optional<String> locale, boolean writeBack) {
        public Request {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(locale, "locale");
            if (ticketId < 1) {
                throw new IllegalArgumentException("a ticket id is a positive whole number");
            }
            if (idempotencyKey.isPresent() && !IDEMPOTENCY_KEY.matcher(idempotencyKey.get()).matches()) {
                throw new IllegalArgumentException("Idempotency-Key is 1 to 255 printable ASCII characters without spaces");
            }
            if (locale.isPresent() && !LOCALE.matcher(locale.get()).matches()) {
                throw new IllegalArgumentException("'locale' is a language tag such as en, de-CH or pt-BR");
            }
        }

        @Override
        public String toString() {
            return "Request[" + operation + ", ticket " + ticketId + "]";
        }
    }

    /** The output, which model made it, what it cost, how long it took. */
    public record Answer(long ticketId, String operation, Object result, String provider, String model,
                         long inputTokens, long outputTokens, boolean usageEstimated, int modelCalls, int parts,
                         Optional<BigDecimal> estimatedCostUsd, Duration took, boolean writtenBack, boolean redacted) {
    }

    public ProcessTicket(LicenseKeyFormat format, LicenseLookup lookup, OpenCredentials credentials,
                         TicketSource tickets, LanguageModel model, DedupMarkers markers, UsageLedger usage,
                         PriceTable prices, Settings settings, UnaryOperator<String> redactor, ExecutorService pool,
                         Clock clock) {
        this.format = format;
        this.lookup = lookup;
        this.credentials = credentials;
        this.tickets = tickets;
        this.model = model;
        this.markers = markers;
        this.usage = usage;
        this.prices = prices;
        this.settings = settings;
        this.redactor = redactor;
        this.longTickets = new LongTickets(model, pool, settings.contextBudgetTokens(), settings.partNotesWords());
        this.operations = List.of(new SummariseTicket(), new SuggestReply(), new TriageTicket(TriageSchema.load()))
                .stream().collect(Collectors.toUnmodifiableMap(TicketOperation::name, Function.identity()));
        this.clock = clock;
    }

    public boolean knows(String operation) {
        return operations.containsKey(operation);
    }

    public Answer process(Request request) {
        TicketOperation operation = Optional.ofNullable(operations.get(request.operation()))
                .orElseThrow(() -> new IllegalArgumentException("no operation " + request.operation()));
        Instant started = clock.instant();
        Deadline deadline = Deadline.after(settings.deadline(), clock);
        String tenantForLog = "-";
        TenantId tenant = null;
        UsageTally tally = new UsageTally();
        Optional<ModelCredentials> usedModel = Optional.empty();
        Optional<DedupMarkers.Claim.Started> claim = Optional.empty();
        try {
            License license = validLicense(request.licenseKey(), started);
            TenantId licensed = license.tenantId();
            tenant = licensed;
            tenantForLog = licensed.value();
            claim = request.idempotencyKey().map(key -> claim(licensed, key, started));
            ZendeskCredentials zendesk = open("zendesk", () -> credentials.zendesk(licensed));
            ModelCredentials modelCredentials = open("model", () -> credentials.model(licensed));
            usedModel = Optional.of(modelCredentials);
            Answer answer = run(operation, request, zendesk, modelCredentials, deadline, tally, started);
            claim.ifPresent(c -> markers.complete(c, clock.instant()));
            LOG.infof("ticket %s done: tenant=%s ticket=%d status=200 parts=%d modelCalls=%d inputTokens=%d "
                            + "outputTokens=%d durationMs=%d writtenBack=%s", operation.name(), tenantForLog,
                    request.ticketId(), answer.parts(), answer.modelCalls(), answer.inputTokens(), answer.outputTokens(),
                    answer.took().toMillis(), answer.writtenBack());
            return answer;
        } catch (TicketRefused refused) {
            claim.ifPresent(this::release);
            LOG.infof("ticket %s refused: tenant=%s ticket=%d reason=%s modelCalls=%d durationMs=%d", operation.name(),
                    tenantForLog, request.ticketId(), refused.reason(), tally.calls(),
                    Duration.between(started, clock.instant()).toMillis());
            throw refused;
        } catch (RuntimeException failure) {
            claim.ifPresent(this::release);
            throw failure;
        } finally {
            if (tenant != null && usedModel.isPresent()) {
                record(tenant, usedModel.get(), tally);
            }
        }
    }

    /**
     * From the fetched ticket to the answer, with content in memory. Any failure in here that is not
     * one of Tollgate's own refusals becomes INTERNAL naming only its type: an exception's message
     * could quote the ticket, and it must reach no log.
     */
    private Answer run(TicketOperation operation, Request request, ZendeskCredentials zendesk, ModelCredentials modelCredentials,
                       Deadline deadline, UsageTally tally, Instant started) {
        try {
            Ticket ticket = tickets.fetch(zendesk, request.ticketId(), deadline);
            TicketText text = TicketText.of(ticket, modelCredentials.redact() ? redactor : Redactor.NONE);
            LongTickets.Condensed thread = longTickets.condense(modelCredentials, text, RESERVED_FOR_INSTRUCTIONS,
                    deadline, tally);
            LanguageModel.Call call = operation.call(thread.thread(), new TicketOperation.Request(request.locale(),
                    ticket.requesterLocale(), settings.summaryWords(), settings.maxOutputTokens()));
            deadline.check("asking the model");
            LanguageModel.Reply reply = tally.add(call, model.complete(modelCredentials, call, deadline));
            Object result = operation.parse(reply.text());
            if (request.writeBack()) {
                tickets.addPrivateNote(zendesk, request.ticketId(), operation.note(result), deadline);
            }
            Optional<BigDecimal> cost = prices.costMicroUsd(modelCredentials.provider().wire(), modelCredentials.model(),
                    tally.inputTokens(), tally.outputTokens()).map(PriceTable::usd);
            return new Answer(request.ticketId(), operation.name(), result, modelCredentials.provider().wire(),
                    modelCredentials.model(), tally.inputTokens(), tally.outputTokens(), tally.estimated(), tally.calls(),
                    thread.parts(), cost, Duration.between(started, clock.instant()), request.writeBack(),
                    modelCredentials.redact());
        } catch (TicketRefused refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw TicketRefused.of(TicketRefused.Reason.INTERNAL, "the request failed inside Tollgate ("
                    + e.getClass().getSimpleName() + "); nothing was kept");
        }
    }

    private License validLicense(String rawKey, Instant now) {
        ParsedKey parsed = format.parse(rawKey);
        if (parsed instanceof MalformedKey malformed) {
            throw TicketRefused.of(TicketRefused.Reason.MALFORMED_KEY, malformed.detail());
        }
        LicenseKey key = (LicenseKey) parsed;
        LicenseLookup.Found found = lookup.find(key, format.productOf(key), now);
        return switch (found.code()) {
            case VALID -> found.license().orElseThrow();
            case EXPIRED -> throw TicketRefused.of(TicketRefused.Reason.EXPIRED, "the licence has expired");
            case SUSPENDED -> throw TicketRefused.of(TicketRefused.Reason.SUSPENDED, "the licence is suspended");
            case CANCELLED -> throw TicketRefused.of(TicketRefused.Reason.CANCELLED, "the licence is cancelled");
            // The product comes from the key itself, so a mismatch means no licence under this key.
            default -> throw TicketRefused.of(TicketRefused.Reason.NOT_FOUND, "no licence has this key");
        };
    }

    private DedupMarkers.Claim.Started claim(TenantId tenant, String key, Instant now) {
        DedupMarkers.Claim claim = markers.begin(tenant, key, now, settings.takeOverAfter());
        if (claim instanceof DedupMarkers.Claim.Completed completed) {
            throw TicketRefused.alreadyProcessed(completed.at());
        }
        if (claim instanceof DedupMarkers.Claim.InFlight inFlight) {
            throw TicketRefused.of(TicketRefused.Reason.DUPLICATE_IN_FLIGHT, "a request with this Idempotency-Key "
                    + "has been in flight since " + inFlight.since() + "; wait for it");
        }
        return (DedupMarkers.Claim.Started) claim;
    }

    private void release(DedupMarkers.Claim.Started started) {
        try {
            markers.release(started);
        } catch (RuntimeException e) {
            // The marker then expires with its TTL, or is taken over once its run is past the deadline.
            LOG.warnf("dedup marker not released: %s", e.getClass().getSimpleName());
        }
    }

    private <T> T open(String kind, java.util.function.Supplier<Optional<T>> opening) {
        Optional<T> opened;
        try {
            opened = opening.get();
        } catch (EnvelopeCipher.SealedBeforeFactsWereBound old) {
            throw TicketRefused.of(TicketRefused.Reason.INTEGRATION_NOT_CONFIGURED, "the " + kind + " credential "
                    + old.getMessage());
        } catch (EnvelopeCipher.CannotOpen altered) {
            throw TicketRefused.of(TicketRefused.Reason.INTEGRATION_NOT_CONFIGURED, "the stored " + kind
                    + " credential cannot be opened: it was altered or belongs to another tenant; staff must store it again");
        }
        return opened.orElseThrow(() -> TicketRefused.of(TicketRefused.Reason.INTEGRATION_NOT_CONFIGURED,
                "the tenant has no " + kind + " credentials; staff store them with PUT /v1/admin/tenants/{id}/credentials/"
                        + kind));
    }

    /** Usage counts once per request that reached the model, whatever came after: those tokens were spent. */
    private void record(TenantId tenant, ModelCredentials m, UsageTally tally) {
        if (tally.calls() == 0) {
            return;
        }
        try {
            long cost = prices.costMicroUsd(m.provider().wire(), m.model(), tally.inputTokens(), tally.outputTokens())
                    .orElse(0L);
            usage.add(new UsageRecord(tenant, YearMonth.now(clock.withZone(ZoneOffset.UTC)),
                    m.provider().wire(), m.model(), 1, tally.inputTokens(), tally.outputTokens(), cost));
        } catch (RuntimeException e) {
            LOG.warnf("usage not recorded: %s", e.getClass().getSimpleName());
        }
    }
}
