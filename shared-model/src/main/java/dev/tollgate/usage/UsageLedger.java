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

    /**
     * An erasure: adds each of the tenant's records to the same month, provider and model of one
     * aggregate that belongs to no tenant, and deletes it from the tenant, each record atomically.
     * The counts are kept; nothing leads back to the tenant. Returns how many records moved.
     */
    int detach(TenantId tenant);
}
