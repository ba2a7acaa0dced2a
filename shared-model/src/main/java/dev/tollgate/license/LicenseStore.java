package dev.tollgate.license;

import dev.tollgate.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the licences table. Keyed by digest; the plaintext key never reaches it. No read returns a
 * record past its retention ({@link License#retainUntil}) that the table has not deleted yet.
 */
public interface LicenseStore {

    /** One read. */
    Optional<License> find(KeyDigest digest);

    /** A strongly consistent read, for a change that must start from the latest version. */
    Optional<License> findLatest(KeyDigest digest);

    /** Stores a new licence; refuses to overwrite an existing digest. */
    void create(License license);

    /**
     * Replaces the stored licence if it is still the version read ({@code readAt} = its updatedAt then).
     *
     * @throws dev.tollgate.outcome.Refusal CONCURRENT_CHANGE when it is not
     */
    void update(License license, Instant readAt);

    /** Every licence of the tenant, newest first. */
    List<License> listByTenant(TenantId tenant);

    /** Puts the tenant's new name on each of its licence records. */
    void renameTenant(TenantId tenant, String name);

    /** Every licence record of the tenant, including any past retention not yet deleted: what an erasure deletes. */
    List<KeyDigest> digestsOf(TenantId tenant);

    /** @return whether there was one to delete */
    boolean delete(KeyDigest digest);

    final class DuplicateLicenseException extends RuntimeException {
        public DuplicateLicenseException() {
            super("a licence with this key digest already exists");
        }
    }
}
