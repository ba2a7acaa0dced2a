package dev.tollgate.function.validation;

import dev.tollgate.http.JsonBodies;
import dev.tollgate.http.Problem;
import dev.tollgate.http.ProblemException;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.lease.Nonce;
import dev.tollgate.license.Product;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.license.Verdict;
import dev.tollgate.license.VerdictCode;
import io.quarkus.runtime.Startup;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * POST /v1/licenses/validate. The body is read as bytes and checked strictly before anything else,
 * so a bad request touches neither the key vault nor the table. Resources are built when the
 * function starts ({@code @Startup}): a missing or wrong setting fails the start, naming the variable.
 */
@Path("/v1/licenses/validate")
@Startup
public class ValidateLicenseResource {

    private final ValidateLicense validateLicense;

    public ValidateLicenseResource(ValidateLicense validateLicense) {
        this.validateLicense = validateLicense;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response validate(byte[] body) {
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
        Verdict verdict;
        try {
            verdict = validateLicense.validate(request.licenseKey(), new Product(request.product()), nonce);
        } catch (InMemoryLeaseSigner.NoSigningKey e) {
            // A deployment whose first lease key has not been rotated yet: say so, and that it passes.
            throw new ProblemException(Problem.of(503, "NO_LEASE_KEY", "No lease signing key yet",
                    "the licence server has no lease signing key yet; try again later"));
        }
        if (verdict.code() == VerdictCode.MALFORMED_KEY) {
            throw new ProblemException(Problem.of(400, VerdictCode.MALFORMED_KEY.name(), "Malformed licence key",
                    verdict.malformed().orElseThrow().detail()));
        }
        return Response.ok(ValidationResponse.of(verdict)).header("Cache-Control", "no-store").build();
    }
}
