package dev.tollgate.function.admin;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in staff identity provider: an RSA key pair whose public half the admin function is
 * configured to trust, and real RS256 JWTs signed with the private half by an independent library.
 */
public class StaffTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://idp.tollgate.test/";
    public static final String AUDIENCE = "tollgate-admin-api";
    private static final Path DIR = Path.of("target", "staff-idp");

    @Override
    public Map<String, String> start() {
        KeyPair pair = rsa();
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(DIR.resolve("private.pk8"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "mp.jwt.verify.publickey.location", DIR.resolve("public.pem").toAbsolutePath().toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    @Override
    public void stop() {
    }

    /** A token as the identity provider would issue it: 10 minutes, the given groups. */
    public static String token(String subject, List<String> groups) {
        Instant now = Instant.now();
        return sign(claims(subject, groups, now).build(), trustedKey());
    }

    public static JWTClaimsSet.Builder claims(String subject, List<String> groups, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(subject).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(600))).claim("groups", groups);
    }

    public static String sign(JWTClaimsSet claims, RSAPrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAPrivateKey trustedKey() {
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(DIR.resolve("private.pk8")));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("the staff IdP test resource has not started", e);
        }
    }

    public static RSAPrivateKey untrustedKey() {
        return (RSAPrivateKey) rsa().getPrivate();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
