package dev.tollgate.privacy;

import dev.tollgate.audit.AuditEntry;
import dev.tollgate.audit.AuditTrail;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupTrail;
import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads that export and erasure share: a licence's whole startup trail, and the audit entries about a set of targets. */
final class TenantRecords {

    private static final int PAGE = 100;

    private TenantRecords() {
    }

    static List<StartupEvent> startups(StartupTrail trail, KeyDigest digest, Instant from, Instant to) {
        List<StartupEvent> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            StartupTrail.Page page = trail.list(digest, from, to, PAGE, cursor);
            all.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return all;
    }

    /**
     * Audit entries whose target is one of {@code targets}, over every month the trail still keeps.
     * The trail is partitioned by month, not by target: this reads the year's staff writes (a few
     * thousand), which is fine for a staff request and never runs on a hot path.
     */
    static List<AuditEntry> about(AuditTrail audit, Set<String> targets, Instant since, Instant now) {
        List<AuditEntry> about = new ArrayList<>();
        YearMonth last = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        for (YearMonth month = YearMonth.from(since.atOffset(ZoneOffset.UTC)); !month.isAfter(last);
             month = month.plusMonths(1)) {
            Optional<String> cursor = Optional.empty();
            do {
                AuditTrail.Page page = audit.list(month, PAGE, cursor);
                page.entries().stream().filter(e -> targets.contains(e.target())).forEach(about::add);
                cursor = page.nextCursor();
            } while (cursor.isPresent());
        }
        about.sort(Comparator.comparing(AuditEntry::at));
        return about;
    }

    static String tenantTarget(TenantId tenant) {
        return "tenant/" + tenant.value();
    }

    static String licenseTarget(KeyDigest digest) {
        return "license/" + digest.hex();
    }
}
