package dev.tollgate.ticket;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's prices per provider and model, in US dollars per million input and output tokens
 * ({@code tollgate.models.prices.<provider>.<model>.input-per-mtok}). A model without a price has no
 * estimated cost; its usage still counts.
 */
public final class PriceTable {

    public static final PriceTable NONE = new PriceTable(Map.of());

    private final Map<String, Map<String, Price>> prices;

    public PriceTable(Map<String, Map<String, Price>> prices) {
        this.prices = Map.copyOf(prices);
    }

    public record Price(BigDecimal inputPerMTok, BigDecimal outputPerMTok) {
        public Price {
            Objects.requireNonNull(inputPerMTok, "inputPerMTok");
            Objects.requireNonNull(outputPerMTok, "outputPerMTok");
            if (inputPerMTok.signum() < 0 || outputPerMTok.signum() < 0) {
                throw new IllegalArgumentException("prices are not negative");
            }
        }
    }

    /**
     * The cost in millionths of a dollar: a price per million tokens times the tokens is exactly that.
     * Rounded up, so an estimate never understates.
     */
    public Optional<Long> costMicroUsd(String provider, String model, long inputTokens, long outputTokens) {
        return Optional.ofNullable(prices.getOrDefault(provider, Map.of()).get(model))
                .map(p -> p.inputPerMTok().multiply(BigDecimal.valueOf(inputTokens))
                        .add(p.outputPerMTok().multiply(BigDecimal.valueOf(outputTokens)))
                        .setScale(0, RoundingMode.CEILING).longValueExact());
    }

    public static BigDecimal usd(long microUsd) {
        return BigDecimal.valueOf(microUsd, 6).stripTrailingZeros();
    }
}
