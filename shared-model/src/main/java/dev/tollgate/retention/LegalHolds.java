package dev.tollgate.retention;

import dev.tollgate.tenant.TenantId;

/**
 * Port: legal holds as retention sees them. The purge reads who is held once per run; and because
 * DynamoDB's TTL knows nothing of holds, a held tenant's expiring records come off TTL while the hold
 * lasts and go back on when it ends (the purge then deletes whatever is past due).
 */
public interface LegalHolds {

    /** The held tenants and every licence of theirs, whether or not it is past its retention. */
    HeldRecords held();

    /** Takes the tenant's licences and their startup entries off TTL. Safe to repeat. */
    void suspendExpiry(TenantId tenant);

    /** Puts them back on TTL, at the time the policy gives each. Safe to repeat. */
    void resumeExpiry(TenantId tenant);
}
