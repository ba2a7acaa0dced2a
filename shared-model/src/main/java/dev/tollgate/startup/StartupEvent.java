package dev.tollgate.startup;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import java.time.Instant;
import java.util.Objects;

/** One instance start, as the trail keeps it: time, key digest, product, verdict. Nothing about the instance. */
public record StartupEvent(Instant at, KeyDigest digest, Product product, VerdictCode verdict) {

    public StartupEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(digest);
        Objects.requireNonNull(product);
        Objects.requireNonNull(verdict);
    }
}
