package dev.tollgate.adapters.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.lease.Lease;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.lease.LeaseVerification;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Licenses;
import dev.tollgate.license.Product;
import dev.tollgate.wiring.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * The key capabilities on KMS over its real wire protocol (moto_server), and the start-time checks
 * that refuse a wrong setting with the variable's name. Skipped where moto_server is not installed.
 */
class KmsKeysIntegrationTest {

    static MotoKms motoKms;
    static String signingKeyArn;

    final LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp")));

    @BeforeAll
    static void start() {
        motoKms = MotoKms.start();
        signingKeyArn = newSigningKey();
    }

    static String newSigningKey() {
        return motoKms.kms.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                .keyMetadata().arn();
    }

    @AfterAll
    static void stop() {
        if (motoKms != null) {
            motoKms.close();
        }
    }

    GenerateDataKeyResponse wrappedSecret(Map<String, String> context) {
        return motoKms.kms.generateDataKey(r -> r.keyId(motoKms.dataKeyArn).keySpec(DataKeySpec.AES_256)
                .encryptionContext(context));
    }

    @Test
    void theDigestIsHmacSha256UnderTheKmsWrappedSecret() throws Exception {
        GenerateDataKeyResponse dataKey = wrappedSecret(KmsKeyDigester.CONTEXT);
        KeyDigester digester = KmsWiring.keyDigester(motoKms.kms,
                Optional.of(Base64.getEncoder().encodeToString(dataKey.ciphertextBlob().asByteArray())));
        LicenseKey key = format.generate(new Product("zendesk-mcp"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(dataKey.plaintext().asByteArray(), "HmacSHA256"));
        KeyDigest independent = KeyDigest.of(mac.doFinal(key.canonical().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(independent, digester.digest(key));
        assertEquals(independent, digester.digest(key));
    }

    @Test
    void aDigestSecretWrappedForAnotherPurposeRefusesTheStartNamingTheVariable() {
        GenerateDataKeyResponse other = wrappedSecret(Map.of("tollgate:purpose", "something-else"));
        String wrapped = Base64.getEncoder().encodeToString(other.ciphertextBlob().asByteArray());
        Settings.Refused refused = assertThrows(Settings.Refused.class,
                () -> KmsWiring.keyDigester(motoKms.kms, Optional.of(wrapped)));
        assertTrue(refused.getMessage().startsWith("TOLLGATE_KMS_WRAPPED_DIGEST_SECRET"), refused.getMessage());
        assertTrue(!refused.getMessage().contains(wrapped.substring(0, 12)), "the ciphertext stays out of the message");

        assertTrue(assertThrows(Settings.Refused.class, () -> KmsWiring.keyDigester(motoKms.kms, Optional.of("not base64!")))
                .getMessage().contains("is not base64"));
        assertTrue(assertThrows(Settings.Refused.class, () -> KmsWiring.keyDigester(motoKms.kms, Optional.empty()))
                .getMessage().startsWith("TOLLGATE_KMS_WRAPPED_DIGEST_SECRET is not set"));
    }

    @Test
    void leasesSignedByKmsVerifyIndependentlyAgainstTheJwksWithRetiredKeysStillPublished() throws Exception {
        String retired = newSigningKey();
        KmsVerificationKeys keys = KmsWiring.verificationKeys(motoKms.kms, Optional.of(signingKeyArn),
                Optional.of(List.of(retired)));
        KmsLeaseSigner signer = new KmsLeaseSigner(motoKms.kms, signingKeyArn, keys.current().keyId());
        Instant now = Instant.now();
        License license = new License(new KeyDigest("f".repeat(64)), "X2M9", Licenses.TENANT, "Acme",
                new Product("zendesk-mcp"), LicenseStatus.ACTIVE, LocalDate.now().plusYears(1), now, now);
        Lease lease = new LeaseIssuer(signer, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)))
                .issue(license, now);

        String jwks = LeaseVerification.jwksOf(keys);
        JWTClaimsSet claims = LeaseVerification.verify(lease.token(), jwks);
        assertEquals("f".repeat(64), claims.getSubject());
        assertEquals(2, JWKSet.parse(jwks).getKeys().size());
        assertEquals(keys.published().get(0).keyId(), SignedJWT.parse(lease.token()).getHeader().getKeyID());
    }

    @Test
    void aLeaseKeyThatIsNotAP256SigningKeyRefusesTheStart() {
        Settings.Refused symmetric = assertThrows(Settings.Refused.class,
                () -> KmsWiring.verificationKeys(motoKms.kms, Optional.of(motoKms.dataKeyArn), Optional.empty()));
        assertTrue(symmetric.getMessage().startsWith("TOLLGATE_KMS_LEASE_SIGNING_KEY_ID"), symmetric.getMessage());
        Settings.Refused unknown = assertThrows(Settings.Refused.class, () -> KmsWiring.verificationKeys(motoKms.kms,
                Optional.of("arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"),
                Optional.empty()));
        assertTrue(unknown.getMessage().startsWith("TOLLGATE_KMS_LEASE_SIGNING_KEY_ID"), unknown.getMessage());
        assertTrue(assertThrows(Settings.Refused.class, () -> KmsWiring.dataKeys(motoKms.kms, Optional.of("has space")))
                .getMessage().startsWith("TOLLGATE_KMS_DATA_KEY_ID"));
    }
}
