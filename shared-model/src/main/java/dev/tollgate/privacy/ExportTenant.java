package dev.tollgate.privacy;

import dev.tollgate.credentials.StoredCredential;
import dev.tollgate.license.License;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.usage.UsageRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's data, all of it, in one document: what a customer asking "what do you hold about us?"
 * is owed. Reads only what is within retention, as every other read does. An erased tenant's export
 * is its erasure receipts and the audit entries about it, which keep ids only; a tenant that never
 * existed (or whose receipts have expired too) is a 404.
 */
public final class ExportTenant {

    private final TenantStores stores;
    private final RetentionPolicy retention;
    private final Clock clock;

    public ExportTenant(TenantStores stores, RetentionPolicy retention, Clock clock) {
        this.stores = stores;
        this.retention = retention;
        this.clock = clock;
    }

    public TenantExport export(TenantId id) {
        Instant now = clock.instant();
        Optional<Tenant> tenant = stores.tenants().find(id);
        List<ErasureReceipt> erasures = stores.receipts().of(id);
        if (tenant.isEmpty() && erasures.isEmpty()) {
            throw Refusal.notFound("TENANT_NOT_FOUND", "no tenant has the id " + id);
        }
        List<License> held = tenant.isPresent() ? stores.licenses().listByTenant(id) : List.of();
        List<StartupEvent> trail = new ArrayList<>();
        held.forEach(l -> trail.addAll(TenantRecords.startups(stores.startups(), l.digest(), now.minus(retention.startupLog()), now)));
        List<UsageRecord> counted = tenant.map(t -> stores.usage().list(id, YearMonth.from(t.createdAt().atOffset(ZoneOffset.UTC)),
                YearMonth.from(now.atOffset(ZoneOffset.UTC)))).orElse(List.of());
        List<StoredCredential.Summary> sealed = tenant.isPresent()
                ? stores.credentials().list(id).stream().map(StoredCredential::summary).toList() : List.of();
        Set<String> targets = new LinkedHashSet<>();
        targets.add(TenantRecords.tenantTarget(id));
        held.forEach(l -> targets.add(TenantRecords.licenseTarget(l.digest())));
        erasures.forEach(r -> r.licenses().forEach(d -> targets.add(TenantRecords.licenseTarget(d))));
        return new TenantExport(id, now, tenant, held, trail, counted, sealed,
                TenantRecords.about(stores.audit(), targets, now.minus(retention.adminAudit()), now), erasures);
    }
}
