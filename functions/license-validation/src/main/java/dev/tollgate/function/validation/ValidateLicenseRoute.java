package dev.tollgate.function.validation;

import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.lease.Nonce;
import dev.tollgate.license.Product;
import dev.tollgate.license.UnknownKeyThrottle;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.license.Verdict;
import dev.tollgate.license.VerdictCode;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * POST /v1/licenses/validate, whichever edge serves it. The body is read as bytes and checked
 * strictly before anything else, so a bad request touches neither the key vault nor the table; it
 * ends in a {@link ProblemException}. Unknown keys are limited per source address
 * ({@link UnknownKeyThrottle}): on Lambda that is API Gateway's {@code requestContext.http.sourceIp};
 * locally, the TCP peer. Forwarding headers are not trusted: a caller writes them. Built when the
 * function starts ({@code @Startup}): a missing or wrong setting fails the start, naming the variable.
 */
@Singleton
@Startup
public class ValidateLicenseRoute {

    public static final String PATH = "/v1/licenses/validate";

    private final ValidateLicense validateLicense;
    private final UnknownKeyThrottle unknownKeys;

    public ValidateLicenseRoute(ValidateLicense validateLicense, UnknownKeyThrottle unknownKeys) {
        this.validateLicense = validateLicense;
        this.unknownKeys = unknownKeys;
    }

    public RouteAnswer answer(byte[] body, String sourceAddress) {
        ValidateRequest request = JsonBodies.read(body, ValidateRequest.class);
        if (!Product.isValid(request.product())) {
            throw ProblemException.badRequest(
                    "field 'product' must be 2 to 40 characters of a-z, 0-9 and '-', starting with a letter");
        }
        Optional<Nonce> nonce = request.nonce().map(value -> {
            if (!Nonce.isValid(value)) {
                throw ProblemException.badRequest("field 'nonce' must be " + Nonce.RULE);
            }
            return new Nonce(value);
        });
        UnknownKeyThrottle.Budget budget = unknownKeys.budgetFor(sourceAddress);
        Verdict verdict;
        try {
            verdict = validateLicense.validate(request.licenseKey(), new Product(request.product()), nonce, budget);
        } catch (InMemoryLeaseSigner.NoSigningKey e) {
            // A deployment whose first lease key has not been rotated yet: say so, and that it passes.
            throw new ProblemException(Problem.of(503, "NO_LEASE_KEY", "No lease signing key yet",
                    "the licence server has no lease signing key yet; try again later"));
        }
        if (verdict.code() == VerdictCode.MALFORMED_KEY) {
            throw new ProblemException(Problem.of(400, VerdictCode.MALFORMED_KEY.name(), "Malformed licence key",
                    verdict.malformed().orElseThrow().detail()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (budget.applied()) {
            // The IETF draft's RateLimit-* fields, on the answers a limit applied to (unknown keys).
            headers.put("RateLimit-Limit", Long.toString(budget.limit()));
            headers.put("RateLimit-Remaining", Long.toString(budget.remaining()));
            headers.put("RateLimit-Reset", Long.toString(budget.resetSeconds()));
        }
        headers.put("Cache-Control", "no-store");
        if (budget.refused()) {
            headers.put("Retry-After", Long.toString(budget.retryAfterSeconds()));
            return new RouteAnswer(429, headers, Problem.of(429, "TOO_MANY_UNKNOWN_KEYS", "Too many unknown licence keys",
                    "this address has sent more unknown keys than allowed; retry after the interval given"));
        }
        return new RouteAnswer(200, headers, ValidationResponse.of(verdict));
    }
}
