package dev.tollgate.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lease keys as deployed: rotated through the packaged admin function, used by the packaged validation
 * function, leases verified with nimbus-jose-jwt and the JWKS alone, and every KMS call counted by a
 * proxy in front of moto_server. The refresh interval and propagation delay are shortened (the only
 * settings changed from the template's) so a rotation is seen in seconds rather than hours.
 */
class LeaseKeysStackTest {

    static final Duration ANSWER = PackagedFunctionsHarnessTest.ANSWER;
    static final int VALIDATIONS = 30;

    @Test
    void rotatedKeysSignWithoutAnyKmsCallPerValidAndKeepVerifyingUntilRetired() throws Exception {
        try (Deployment deployment = Deployment.first().wrapDigestSecretAndRedeploy();
             CountingProxy kms = CountingProxy.start(deployment.moto.endpoint())) {
            MotoStack stack = deployment.stack;
            stack.upstream("QUARKUS_KMS_ENDPOINT_OVERRIDE", kms.endpoint());
            stack.upstream("TOLLGATE_LEASE_KEYS_REFRESH_INTERVAL", "PT0.2S");
            stack.upstream("TOLLGATE_LEASE_KEYS_PROPAGATION_DELAY", "PT1S");
            String admin = deployment.idp.token("keys@vendor", List.of("tollgate-admin"));
            try (PackagedFunction adminFunction = stack.launch("AdminFunction")) {
                HttpApi api = new HttpApi(stack.template()).with("AdminFunction", adminFunction);
                String first = rotate(api, admin);
                String tenant = api.send(AwsEvents.httpApi("POST", "/v1/admin/tenants").header("authorization", "Bearer " + admin)
                        .jsonBody("{\"name\":\"Keys\"}"), ANSWER).json().path("id").asText();
                String key = api.send(AwsEvents.httpApi("POST", "/v1/admin/tenants/" + tenant + "/licenses")
                        .header("authorization", "Bearer " + admin)
                        .jsonBody("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}"), ANSWER)
                        .json().path("licenseKey").asText();

                long decryptBefore = kms.count("TrentService.Decrypt");
                PackagedFunction validation = stack.launch("LicenseValidationFunction");
                api.with("LicenseValidationFunction", validation);
                try (validation) {
                SignedJWT old = validate(api, key, "first-boot");
                assertEquals(first, old.getHeader().getKeyID());
                assertEquals("first-boot", old.getJWTClaimsSet().getStringClaim("nonce"));
                assertTrue(verifies(api, old), "the lease verifies with the JWKS");
                assertNull(validate(api, key, null).getJWTClaimsSet().getClaim("nonce"));

                long signBefore = kms.count("TrentService.Sign");
                long totalBefore = kms.total();
                double warmMs = warmMedianMs(api, key);
                assertEquals(0, kms.count("TrentService.Sign") - signBefore, "no KMS Sign per VALID");
                assertEquals(0, kms.total() - totalBefore, "no KMS call at all per VALID once the key is unwrapped");
                assertEquals(2, kms.count("TrentService.Decrypt") - decryptBefore,
                        "from the validation container's start: one Decrypt for the digest secret, one for the lease key, "
                        + "then none for thirty-odd leases");

                String second = rotate(api, admin);
                assertNotEquals(first, second);
                Thread.sleep(1_500); // past the propagation delay
                SignedJWT fresh = validate(api, key, null);
                assertEquals(second, fresh.getHeader().getKeyID(), "the new key signs once it has propagated");
                assertTrue(verifies(api, fresh));
                assertTrue(verifies(api, old), "a rotated key keeps verifying until it is retired");

                HttpApiResponse retired = api.send(AwsEvents.httpApi("POST", "/v1/admin/signing-keys/" + first + "/retire")
                        .header("authorization", "Bearer " + admin), ANSWER);
                assertEquals(200, retired.statusCode(), retired.body());
                HttpApiResponse refused = api.send(AwsEvents.httpApi("POST", "/v1/admin/signing-keys/" + second + "/retire")
                        .header("authorization", "Bearer " + admin), ANSWER);
                assertEquals(409, refused.statusCode(), refused.body());
                Thread.sleep(500); // past the refresh interval
                validate(api, key, null);
                assertTrue(verifies(api, fresh));
                assertNull(JWKSet.parse(jwks(api)).getKeyByKeyId(first), "a retired key leaves the JWKS");
                System.out.printf("lease keys (signer=memory): KMS calls per VALID 0 (Sign 0), warm VALID p50 %.3f ms "
                        + "(packaged function, moto)%n", warmMs);
                }
            }
        }
    }

    @Test
    void withLeaseSignerKmsEachSignedLeaseCostsOneSignAndOneLicencesStormOne() throws Exception {
        try (Deployment deployment = Deployment.first().wrapDigestSecretAndRedeploy();
             CountingProxy kms = CountingProxy.start(deployment.moto.endpoint())) {
            MotoStack stack = deployment.stack;
            stack.overrideParameter("LeaseSigner", "kms");
            stack.upstream("QUARKUS_KMS_ENDPOINT_OVERRIDE", kms.endpoint());
            String admin = deployment.idp.token("keys@vendor", List.of("tollgate-admin"));
            List<String> keys = new ArrayList<>();
            try (PackagedFunction adminFunction = stack.launch("AdminFunction")) {
                HttpApi api = new HttpApi(stack.template()).with("AdminFunction", adminFunction);
                String tenant = api.send(AwsEvents.httpApi("POST", "/v1/admin/tenants").header("authorization", "Bearer " + admin)
                        .jsonBody("{\"name\":\"Kms\"}"), ANSWER).json().path("id").asText();
                keys.add(api.send(AwsEvents.httpApi("POST", "/v1/admin/tenants/" + tenant + "/licenses")
                        .header("authorization", "Bearer " + admin)
                        .jsonBody("{\"product\":\"zendesk-mcp\",\"expiresOn\":\"" + LocalDate.now().plusYears(1) + "\"}"), ANSWER)
                        .json().path("licenseKey").asText());
            }
            try (PackagedFunction validation = stack.launch("LicenseValidationFunction")) {
                HttpApi api = new HttpApi(stack.template()).with("LicenseValidationFunction", validation);
                SignedJWT lease = validate(api, keys.get(0), "kms-1");
                assertTrue(verifies(api, lease));
                long signBefore = kms.count("TrentService.Sign");
                for (int i = 0; i < 5; i++) {
                    validate(api, keys.get(0), "kms-nonce-" + i);
                }
                assertEquals(5, kms.count("TrentService.Sign") - signBefore, "a lease with a nonce is signed for its request: one Sign");
                long stormBefore = kms.count("TrentService.Sign");
                double warmMs = warmMedianMs(api, keys.get(0));
                assertEquals(1, kms.count("TrentService.Sign") - stormBefore,
                        "one licence's storm shares one signed lease within tollgate.lease.reuse-window: one Sign");
                System.out.printf("lease keys (signer=kms): KMS Sign per signed lease 1, per VALID of one licence's storm %.3f, "
                        + "warm VALID p50 %.3f ms (packaged function, moto)%n",
                        (kms.count("TrentService.Sign") - stormBefore) / (double) VALIDATIONS, warmMs);
            }
        }
    }

    /** {@link #VALIDATIONS} VALID answers in a row; the median time of one, in milliseconds (a figure, not a timed test). */
    private static double warmMedianMs(HttpApi api, String key) throws Exception {
        long[] nanos = new long[VALIDATIONS];
        for (int i = 0; i < VALIDATIONS; i++) {
            long start = System.nanoTime();
            validate(api, key, null);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return nanos[VALIDATIONS / 2] / 1e6;
    }

    private static String rotate(HttpApi api, String admin) {
        HttpApiResponse rotated = api.send(AwsEvents.httpApi("POST", "/v1/admin/signing-keys/rotate")
                .header("authorization", "Bearer " + admin), ANSWER);
        assertEquals(201, rotated.statusCode(), rotated.body());
        return rotated.json().path("kid").asText();
    }

    private static SignedJWT validate(HttpApi api, String key, String nonce) throws Exception {
        String body = "{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\""
                + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + "}";
        HttpApiResponse answer = api.send(AwsEvents.httpApi("POST", "/v1/licenses/validate").jsonBody(body), ANSWER);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("VALID", answer.json().path("verdict").asText(), answer.body());
        return SignedJWT.parse(answer.json().path("lease").path("token").asText());
    }

    private static String jwks(HttpApi api) {
        HttpApiResponse jwks = api.send(AwsEvents.httpApi("GET", "/.well-known/jwks.json"), ANSWER);
        assertEquals(200, jwks.statusCode(), jwks.body());
        return jwks.body();
    }

    private static boolean verifies(HttpApi api, SignedJWT lease) throws Exception {
        ECKey key = (ECKey) JWKSet.parse(jwks(api)).getKeyByKeyId(lease.getHeader().getKeyID());
        assertNotNull(key, "the JWKS publishes " + lease.getHeader().getKeyID());
        return lease.verify(new ECDSAVerifier(key));
    }
}
