package dev.tollgate.usage;

import dev.tollgate.tenant.TenantId;
import java.time.YearMonth;
import java.util.Objects;

/** A tenant's model usage in one month with one provider and model: counts only, never content. */
public record UsageRecord(TenantId tenant, YearMonth month, String provider, String model, long requests,
                          long inputTokens, long outputTokens) {

    public UsageRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (provider.contains("#") || model.contains("#")) {
            throw new IllegalArgumentException("provider and model names may not contain '#'");
        }
        if (requests < 0 || inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("usage counts are not negative");
        }
    }
}
