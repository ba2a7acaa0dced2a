package dev.tollgate.tenant;

import dev.tollgate.outcome.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer of the vendor: a name, and the two facts retention needs. {@code terminatedOn} is the
 * day the subscription ends (credentials go then); {@code legalHold} stops every purge of the
 * tenant's records until it is cleared.
 */
public record Tenant(TenantId id, String name, Instant createdAt, Instant updatedAt, Optional<LocalDate> terminatedOn,
                     boolean legalHold) {

    public static final int MAX_NAME = 200;

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(terminatedOn, "terminatedOn");
        name = requireName(name);
    }

    public static Tenant create(TenantId id, String name, Instant now) {
        return new Tenant(id, name, now, now, Optional.empty(), false);
    }

    /** Stripped, 1 to {@value #MAX_NAME} characters, no control characters. */
    public static String requireName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME || stripped.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("a tenant name is 1 to " + MAX_NAME + " characters without control characters");
        }
        return stripped;
    }

    public boolean terminated() {
        return terminatedOn.isPresent();
    }

    public Tenant renamed(String newName, Instant now) {
        return new Tenant(id, newName, createdAt, now, terminatedOn, legalHold);
    }

    public Tenant terminatedOn(LocalDate day, Instant now) {
        if (terminated()) {
            throw Refusal.conflict("ALREADY_TERMINATED", "tenant " + id + " was already terminated on " + terminatedOn.get());
        }
        return new Tenant(id, name, createdAt, now, Optional.of(day), legalHold);
    }

    public Tenant withLegalHold(boolean hold, Instant now) {
        return new Tenant(id, name, createdAt, now, terminatedOn, hold);
    }

    /** New licences, renewals and credentials belong to customers whose subscription runs. */
    public void requireNotTerminated(String forWhat) {
        if (terminated()) {
            throw Refusal.conflict("TENANT_TERMINATED", "tenant " + id + " was terminated on " + terminatedOn.get()
                    + "; " + forWhat + " is not possible for a terminated tenant");
        }
    }
}
