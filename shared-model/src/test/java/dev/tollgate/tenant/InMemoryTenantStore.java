package dev.tollgate.tenant;

import dev.tollgate.outcome.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A test double for the port; the DynamoDB adapter has its own tests on DynamoDB Local. */
public final class InMemoryTenantStore implements TenantStore {

    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

    @Override
    public Optional<Tenant> find(TenantId id) {
        return Optional.ofNullable(tenants.get(id));
    }

    @Override
    public void create(Tenant tenant) {
        if (tenants.putIfAbsent(tenant.id(), tenant) != null) {
            throw Refusal.conflict("TENANT_EXISTS", "exists");
        }
    }

    @Override
    public void update(Tenant tenant, Instant readAt) {
        Tenant seen = tenants.get(tenant.id());
        if (seen == null || !seen.updatedAt().equals(readAt) || !tenants.replace(tenant.id(), seen, tenant)) {
            throw Refusal.concurrentChange("tenant " + tenant.id());
        }
    }

    @Override
    public void delete(Tenant tenant) {
        if (!tenants.remove(tenant.id(), tenant)) {
            throw Refusal.concurrentChange("tenant " + tenant.id());
        }
    }

    @Override
    public Page list(int limit, Optional<String> cursor) {
        return new Page(List.copyOf(tenants.values()), Optional.empty());
    }
}
