package dev.tollgate.function.admin;

import dev.tollgate.outcome.Refusal;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.tenant.TenantStore;
import dev.tollgate.usage.UsageLedger;
import dev.tollgate.usage.UsageRecord;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A tenant's model usage by month, provider and model: counts and estimated cost only. Support may read. */
@Path("/v1/admin/tenants/{tenantId}/usage")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    static final int MAX_MONTHS = 36;

    private final TenantStore tenants;
    private final UsageLedger ledger;
    private final Clock clock;

    public UsageResource(TenantStore tenants, UsageLedger ledger, Clock clock) {
        this.tenants = tenants;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** {@code from} and {@code to} are months (2026-01), both included; the default is the last twelve. */
    @GET
    public Report read(@PathParam("tenantId") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to) {
        TenantId tenant = AdminPaths.tenant(tenantId);
        YearMonth last = to == null ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : month("to", to);
        YearMonth first = from == null ? last.minusMonths(11) : month("from", from);
        if (first.isAfter(last) || ChronoUnit.MONTHS.between(first, last) >= MAX_MONTHS) {
            throw Refusal.invalid("'from' is not after 'to', and a report spans at most " + MAX_MONTHS + " months");
        }
        tenants.require(tenant);
        return new Report(tenant.value(), first.toString(), last.toString(),
                ledger.list(tenant, first, last).stream().map(Line::of).toList());
    }

    private static YearMonth month(String name, String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("'" + name + "' is a month like 2026-11");
        }
    }

    @RegisterForReflection
    public record Report(String tenantId, String from, String to, List<Line> usage) {
    }

    @RegisterForReflection
    public record Line(String month, String provider, String model, long requests, long inputTokens, long outputTokens,
                       java.math.BigDecimal costUsd) {
        static Line of(UsageRecord r) {
            return new Line(r.month().toString(), r.provider(), r.model(), r.requests(), r.inputTokens(), r.outputTokens(),
                    java.math.BigDecimal.valueOf(r.costMicroUsd(), 6).stripTrailingZeros());
        }
    }
}
