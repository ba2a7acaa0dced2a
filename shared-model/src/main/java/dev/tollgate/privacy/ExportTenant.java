package dev.tollgate.privacy;

import dev.tollgate.audit.AuditTrail;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.credentials.StoredCredential;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import dev.tollgate.tenant.TenantStore;
import dev.tollgate.usage.UsageLedger;
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

    private final TenantStore tenants;
    private final LicenseStore licenses;
    private final StartupTrail startups;
    private final UsageLedger usage;
    private final CredentialStore credentials;
    private final AuditTrail audit;
    private final ErasureReceipts receipts;
    private final RetentionPolicy retention;
    private final Clock clock;

    public ExportTenant(TenantStore tenants, LicenseStore licenses, StartupTrail startups, UsageLedger usage,
                        CredentialStore credentials, AuditTrail audit, ErasureReceipts receipts,
                        RetentionPolicy retention, Clock clock) {
        this.tenants = tenants;
        this.licenses = licenses;
        this.startups = startups;
        this.usage = usage;
        this.credentials = credentials;
        this.audit = audit;
        this.receipts = receipts;
        this.retention = retention;
        this.clock = clock;
    }

    public TenantExport export(TenantId id) {
        Instant now = clock.instant();
        Optional<Tenant> tenant = tenants.find(id);
        List<ErasureReceipt> erasures = receipts.of(id);
        if (tenant.isEmpty() && erasures.isEmpty()) {
            throw Refusal.notFound("TENANT_NOT_FOUND", "no tenant has the id " + id);
        }
        List<License> held = tenant.isPresent() ? licenses.listByTenant(id) : List.of();
        List<StartupEvent> trail = new ArrayList<>();
        held.forEach(l -> trail.addAll(TenantRecords.startups(startups, l.digest(), now.minus(retention.startupLog()), now)));
        List<UsageRecord> counted = tenant.map(t -> usage.list(id, YearMonth.from(t.createdAt().atOffset(ZoneOffset.UTC)),
                YearMonth.from(now.atOffset(ZoneOffset.UTC)))).orElse(List.of());
        List<StoredCredential.Summary> sealed = tenant.isPresent()
                ? credentials.list(id).stream().map(StoredCredential::summary).toList() : List.of();
        Set<String> targets = new LinkedHashSet<>();
        targets.add(TenantRecords.tenantTarget(id));
        held.forEach(l -> targets.add(TenantRecords.licenseTarget(l.digest())));
        erasures.forEach(r -> r.licenses().forEach(d -> targets.add(TenantRecords.licenseTarget(d))));
        return new TenantExport(id, now, tenant, held, trail, counted, sealed,
                TenantRecords.about(audit, targets, now.minus(retention.adminAudit()), now), erasures);
    }
}
