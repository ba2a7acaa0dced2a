package dev.tollgate.usage;

import dev.tollgate.tenant.TenantId;
import java.time.YearMonth;
import java.util.List;

/** Port: the usage table. Ticket processing adds to it; staff read it. */
public interface UsageLedger {

    /** Adds the record's counts to its month, provider and model, atomically (concurrent adds all count). */
    void add(UsageRecord delta);

    /** The tenant's records from {@code from} to {@code to}, both months included, oldest first. */
    List<UsageRecord> list(TenantId tenant, YearMonth from, YearMonth to);
}
