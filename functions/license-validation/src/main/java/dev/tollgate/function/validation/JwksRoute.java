package dev.tollgate.function.validation;

import dev.tollgate.keys.VerificationKeys;
import dev.tollgate.lease.Jwks;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * GET /.well-known/jwks.json: the public keys leases are verified with. Cached for an hour: keys
 * rotate far slower. Built when the function starts, with the keys it reads then.
 */
@Singleton
@Startup
public class JwksRoute {

    public static final String PATH = "/.well-known/jwks.json";

    private final VerificationKeys keys;

    public JwksRoute(VerificationKeys keys) {
        this.keys = keys;
    }

    public RouteAnswer answer() {
        return new RouteAnswer(200, Map.of("Cache-Control", "public, max-age=3600"), Jwks.of(keys));
    }
}
