package dev.tollgate.function.admin;

import dev.tollgate.keys.LeaseKey;
import dev.tollgate.keys.LeaseKeySet;
import dev.tollgate.keys.LeaseKeys;
import dev.tollgate.keys.RetireLeaseKey;
import dev.tollgate.keys.RotateLeaseKey;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lease signing keys: list them, rotate to a new one, retire an old one. Only public halves and
 * dates leave here; the wrapped private half never does. Rotation takes effect for signing after the
 * propagation delay, so the JWKS caches of installed instances see the new key first.
 */
@Path("/v1/admin/signing-keys")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    /** An RFC 7638 SHA-256 thumbprint in base64url: 43 characters. */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final LeaseKeys keys;
    private final RotateLeaseKey rotateLeaseKey;
    private final RetireLeaseKey retireLeaseKey;
    private final AuditedWrites audited;
    private final Duration propagationDelay;
    private final Clock clock;

    public SigningKeyResource(LeaseKeys keys, RotateLeaseKey rotateLeaseKey, RetireLeaseKey retireLeaseKey,
                              AuditedWrites audited, TollgateConfig config, Clock clock) {
        this.keys = keys;
        this.rotateLeaseKey = rotateLeaseKey;
        this.retireLeaseKey = retireLeaseKey;
        this.audited = audited;
        this.propagationDelay = config.lease().keys().propagationDelay();
        this.clock = clock;
    }

    /** Every key, newest first, with the one signing now marked. */
    @GET
    public List<KeyView> list() {
        LeaseKeySet set = new LeaseKeySet(keys.all());
        String signing = set.signing(clock.instant(), propagationDelay).map(LeaseKey::keyId).orElse(null);
        return set.keys().stream().map(k -> KeyView.of(k, k.keyId().equals(signing), propagationDelay)).toList();
    }

    @POST
    @Path("/rotate")
    @RolesAllowed(AdminRoles.ADMIN)
    public Response rotate() {
        KeyView created = audited.write("signing-key.rotate", "signing-keys",
                () -> KeyView.of(rotateLeaseKey.rotate(), false, propagationDelay), view -> "signing-key/" + view.kid());
        return Response.status(201).entity(created).build();
    }

    @POST
    @Path("/{kid}/retire")
    @RolesAllowed(AdminRoles.ADMIN)
    public KeyView retire(@PathParam("kid") String kid) {
        return audited.write("signing-key.retire", "signing-key/" + (KID.matcher(kid).matches() ? kid : "invalid"), () -> {
            if (!KID.matcher(kid).matches()) {
                throw Refusal.notFound("LEASE_KEY_NOT_FOUND", "no lease signing key has this kid; a kid is 43 base64url characters");
            }
            return KeyView.of(retireLeaseKey.retire(kid), false, propagationDelay);
        });
    }

    @RegisterForReflection
    public record KeyView(String kid, String status, boolean signing, Instant createdAt, Instant signsFrom,
                          Instant retiredAt) {
        static KeyView of(LeaseKey key, boolean signing, Duration propagationDelay) {
            return new KeyView(key.keyId(), key.status().wire(), signing, key.createdAt(),
                    key.createdAt().plus(propagationDelay), key.retiredAt().orElse(null));
        }
    }
}
