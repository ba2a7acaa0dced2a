package dev.tollgate.tenant;

import dev.tollgate.outcome.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the tenants table's tenant records. */
public interface TenantStore {

    Optional<Tenant> find(TenantId id);

    /** The tenant, or a NOT_FOUND refusal naming it. */
    default Tenant require(TenantId id) {
        return find(id).orElseThrow(() -> Refusal.notFound("TENANT_NOT_FOUND", "no tenant has the id " + id));
    }

    void create(Tenant tenant);

    /**
     * Replaces the stored tenant if it is still the version read ({@code readAt} = its updatedAt then).
     *
     * @throws Refusal CONCURRENT_CHANGE when it is not
     */
    void update(Tenant tenant, Instant readAt);

    /**
     * Deletes the tenant record if it is still the version read (an erasure, its last step).
     *
     * @throws Refusal CONCURRENT_CHANGE when it is not
     */
    void delete(Tenant tenant);

    /** A page of tenants in no particular order; the cursor is opaque. */
    Page list(int limit, Optional<String> cursor);

    record Page(List<Tenant> tenants, Optional<String> nextCursor) {
    }
}
