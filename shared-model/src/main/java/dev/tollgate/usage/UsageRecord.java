package dev.tollgate.usage;

import dev.tollgate.tenant.TenantId;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A tenant's model usage in one month with one provider and model: counts only, never content.
 * {@code costMicroUsd} is the estimated cost in millionths of a US dollar, from the operator's price
 * table at the time of each request (whole numbers, so concurrent additions stay exact).
 */
public record UsageRecord(TenantId tenant, YearMonth month, String provider, String model, long requests,
                          long inputTokens, long outputTokens, long costMicroUsd) {

    public UsageRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (provider.contains("#") || model.contains("#")) {
            throw new IllegalArgumentException("provider and model names may not contain '#'");
        }
        if (requests < 0 || inputTokens < 0 || outputTokens < 0 || costMicroUsd < 0) {
            throw new IllegalArgumentException("usage counts are not negative");
        }
    }

    /** Usage without a cost (no price known for the model). */
    public UsageRecord(TenantId tenant, YearMonth month, String provider, String model, long requests,
                       long inputTokens, long outputTokens) {
        this(tenant, month, provider, model, requests, inputTokens, outputTokens, 0);
    }
}
