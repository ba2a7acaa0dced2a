package dev.tollgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.embedded.MotoServer;
import dev.tollgate.lease.Lease;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.lease.LeaseVerification;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Product;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * The KMS vault over the real KMS wire protocol (moto_server). Skipped where moto_server is not
 * installed: {@code pip install "moto[server]"} enables it.
 */
class KmsKeyVaultIntegrationTest {

    static MotoServer moto;
    static KmsClient kms;
    static String dataKeyArn;
    static String signingKeyArn;

    final LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp")));

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(MotoServer.isAvailable(), "moto_server is not on the PATH (pip install \"moto[server]\")");
        moto = MotoServer.start();
        kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        dataKeyArn = kms.createKey(r -> r.description("tollgate data")).keyMetadata().arn();
        signingKeyArn = newSigningKey();
    }

    static String newSigningKey() {
        return kms.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                .keyMetadata().arn();
    }

    @AfterAll
    static void stop() {
        if (kms != null) {
            kms.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theDigestIsHmacSha256UnderTheKmsWrappedSecret() throws Exception {
        GenerateDataKeyResponse dataKey = kms.generateDataKey(r -> r.keyId(dataKeyArn).keySpec(DataKeySpec.AES_256)
                .encryptionContext(KmsKeyVault.DIGEST_SECRET_CONTEXT));
        KmsKeyVault vault = new KmsKeyVault(kms, signingKeyArn, List.of(),
                Base64.getEncoder().encodeToString(dataKey.ciphertextBlob().asByteArray()));
        LicenseKey key = format.generate(new Product("zendesk-mcp"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(dataKey.plaintext().asByteArray(), "HmacSHA256"));
        KeyDigest independent = KeyDigest.of(mac.doFinal(key.canonical().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(independent, vault.digest(key));
        assertEquals(independent, vault.digest(key));
    }

    @Test
    void aSecretWrappedForAnotherPurposeIsRefused() {
        GenerateDataKeyResponse other = kms.generateDataKey(r -> r.keyId(dataKeyArn).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of("tollgate:purpose", "something-else")));
        KmsKeyVault vault = new KmsKeyVault(kms, signingKeyArn, List.of(),
                Base64.getEncoder().encodeToString(other.ciphertextBlob().asByteArray()));
        assertThrows(RuntimeException.class, () -> vault.digest(format.generate(new Product("zendesk-mcp"))));
    }

    @Test
    void leasesSignedByKmsVerifyIndependentlyAgainstTheJwks() throws Exception {
        String retired = newSigningKey();
        KmsKeyVault vault = new KmsKeyVault(kms, signingKeyArn, List.of(retired), "AA==");
        Instant now = Instant.now();
        License license = new License(new KeyDigest("f".repeat(64)), "X2M9", dev.tollgate.license.Licenses.TENANT, "Acme", new Product("zendesk-mcp"),
                LicenseStatus.ACTIVE, LocalDate.now().plusYears(1), now, now);
        Lease lease = new LeaseIssuer(vault, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)))
                .issue(license, now);

        String jwks = LeaseVerification.jwksOf(vault);
        JWTClaimsSet claims = LeaseVerification.verify(lease.token(), jwks);
        assertEquals("f".repeat(64), claims.getSubject());
        assertEquals(2, com.nimbusds.jose.jwk.JWKSet.parse(jwks).getKeys().size());
        assertEquals(vault.verificationKeys().get(0).keyId(), com.nimbusds.jwt.SignedJWT.parse(lease.token())
                .getHeader().getKeyID());
    }
}
