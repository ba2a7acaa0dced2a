package dev.tollgate.license;

import dev.tollgate.outcome.Refusal;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double for the port; the DynamoDB adapter has its own tests on DynamoDB Local. Like the
 * adapter, it never returns a record past its retention at its clock's time.
 */
public final class InMemoryLicenseStore implements LicenseStore {

    public final Map<KeyDigest, License> licenses = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    private final Clock clock;

    public InMemoryLicenseStore() {
        this(Clock.systemUTC());
    }

    public InMemoryLicenseStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<License> find(KeyDigest digest) {
        reads.incrementAndGet();
        return Optional.ofNullable(licenses.get(digest)).filter(this::live);
    }

    @Override
    public Optional<License> findLatest(KeyDigest digest) {
        return find(digest);
    }

    @Override
    public void create(License license) {
        if (licenses.putIfAbsent(license.digest(), license) != null) {
            throw new DuplicateLicenseException();
        }
    }

    @Override
    public void update(License license, Instant readAt) {
        License seen = licenses.get(license.digest());
        if (seen == null || !seen.updatedAt().equals(readAt) || !licenses.replace(license.digest(), seen, license)) {
            throw Refusal.concurrentChange("the licence");
        }
    }

    @Override
    public List<License> listByTenant(TenantId tenant) {
        return licenses.values().stream().filter(l -> l.tenantId().equals(tenant)).filter(this::live)
                .sorted(Comparator.comparing(License::createdAt).reversed()).toList();
    }

    @Override
    public void renameTenant(TenantId tenant, String name) {
        listByTenant(tenant).forEach(l -> licenses.computeIfPresent(l.digest(), (d, old) -> old.withTenantName(name)));
    }

    @Override
    public List<KeyDigest> digestsOf(TenantId tenant) {
        return licenses.values().stream().filter(l -> l.tenantId().equals(tenant)).map(License::digest).toList();
    }

    @Override
    public boolean delete(KeyDigest digest) {
        return licenses.remove(digest) != null;
    }

    private boolean live(License license) {
        return clock.instant().isBefore(license.retainUntil(RetentionPolicy.PROMISED));
    }
}
