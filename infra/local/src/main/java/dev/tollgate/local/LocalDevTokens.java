package dev.tollgate.local;

import dev.tollgate.adapters.local.OwnerOnlyFiles;
import dev.tollgate.function.admin.AdminRoles;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The local runtime's stand-in for the staff identity provider: an RSA key pair in the data folder
 * (private half owner-only), whose public half the local admin routes trust, and short-lived tokens
 * signed with it. Its issuer is {@link AdminRoles#LOCAL_DEV_ISSUER}, which AWS deployments refuse.
 */
@Singleton
public class LocalDevTokens {

    public static final String AUDIENCE = "tollgate-admin-api";
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private final Path dir;

    LocalDevTokens(TollgateConfig config) {
        this.dir = Path.of(config.local().dataDir(), "dev-admin-jwt");
    }

    /** Before the first admin request is verified against the public key. */
    void createKeys(@Observes StartupEvent started) {
        ensureKeyPair(dir);
    }

    public record Minted(String token, Instant expiresAt) {
    }

    public Minted mint(String role) {
        ensureKeyPair(dir);
        Instant expires = Instant.now().plus(LIFETIME);
        String token = Jwt.issuer(AdminRoles.LOCAL_DEV_ISSUER)
                .audience(AUDIENCE)
                .subject("local-dev")
                .groups(Set.of(role))
                .expiresAt(expires.getEpochSecond())
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(privateKey());
        return new Minted(token, expires);
    }

    private PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(dir.resolve("private.pk8")).strip());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the pair on first use; the public key's path is where mp.jwt.verify.publickey.location points. */
    static void ensureKeyPair(Path dir) {
        Path publicPem = dir.resolve("public.pem");
        if (Files.isRegularFile(publicPem)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            OwnerOnlyFiles.writeAtomically(dir.resolve("private.pk8"),
                    Base64.getEncoder().encode(pair.getPrivate().getEncoded()));
            // The public half last: its presence is what says the pair is complete.
            OwnerOnlyFiles.writeAtomically(publicPem, ("-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("dev token keys unavailable", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
