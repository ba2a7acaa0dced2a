package dev.tollgate.function.validation;

import dev.tollgate.http.JsonBodies;
import dev.tollgate.http.Problem;
import dev.tollgate.http.ProblemException;
import dev.tollgate.http.ProblemMappers;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.lease.Nonce;
import dev.tollgate.license.Product;
import dev.tollgate.license.UnknownKeyThrottle;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.license.Verdict;
import dev.tollgate.license.VerdictCode;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * POST /v1/licenses/validate. The body is read as bytes and checked strictly before anything else,
 * so a bad request touches neither the key vault nor the table. Resources are built when the
 * function starts ({@code @Startup}): a missing or wrong setting fails the start, naming the variable.
 * Unknown keys are limited per source address ({@link UnknownKeyThrottle}): on Lambda that is API
 * Gateway's {@code requestContext.http.sourceIp}, which the runtime makes the request's remote
 * address; locally, the TCP peer. Forwarding headers are not trusted: a caller writes them.
 */
@Path("/v1/licenses/validate")
@Startup
public class ValidateLicenseResource {

    private final ValidateLicense validateLicense;
    private final UnknownKeyThrottle unknownKeys;

    public ValidateLicenseResource(ValidateLicense validateLicense, UnknownKeyThrottle unknownKeys) {
        this.validateLicense = validateLicense;
        this.unknownKeys = unknownKeys;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response validate(byte[] body, @Context HttpServerRequest http) {
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
        UnknownKeyThrottle.Budget budget = unknownKeys.budgetFor(sourceAddress(http));
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
        if (budget.refused()) {
            Problem tooMany = Problem.of(429, "TOO_MANY_UNKNOWN_KEYS", "Too many unknown licence keys",
                    "this address has sent more unknown keys than allowed; retry after the interval given");
            return withRateLimit(Response.fromResponse(ProblemMappers.respond(tooMany)), budget)
                    .header("Retry-After", budget.retryAfterSeconds()).header("Cache-Control", "no-store").build();
        }
        Response.ResponseBuilder ok = Response.ok(ValidationResponse.of(verdict)).header("Cache-Control", "no-store");
        return (budget.applied() ? withRateLimit(ok, budget) : ok).build();
    }

    /** The IETF draft's RateLimit-* fields, on the answers a limit applied to (unknown keys). */
    private static Response.ResponseBuilder withRateLimit(Response.ResponseBuilder response, UnknownKeyThrottle.Budget budget) {
        return response.header("RateLimit-Limit", budget.limit())
                .header("RateLimit-Remaining", budget.remaining())
                .header("RateLimit-Reset", budget.resetSeconds());
    }

    private static String sourceAddress(HttpServerRequest http) {
        SocketAddress remote = http == null ? null : http.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}
