package dev.tollgate.adapters.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.adapters.dynamodb.AwsOutages;
import dev.tollgate.embedded.FaultyEndpoint;
import dev.tollgate.embedded.MotoServer;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import dev.tollgate.outcome.Unavailable;
import dev.tollgate.retention.MovableClock;
import dev.tollgate.wiring.Settings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * KMS unavailable when a function starts (a cold start during an outage), played on the wire by a
 * proxy in front of moto: the start succeeds, the digest answers 503 (Unavailable, the key service)
 * without asking KMS more than once a second, and serves as soon as KMS answers, with no restart.
 * A secret KMS refuses (wrapped for another purpose) still fails the start.
 */
class KmsOutageAtStartIntegrationTest {

    static MotoKms motoKms;
    static FaultyEndpoint proxy;
    static KmsClient throughProxy;

    @BeforeAll
    static void start() {
        motoKms = MotoKms.start();
        URI moto = motoKms.moto.endpoint();
        proxy = FaultyEndpoint.inFrontOf(moto.getHost(), moto.getPort());
        throughProxy = KmsClient.builder().endpointOverride(URI.create(proxy.endpoint())).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(1)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(2)).build())
                .build();
    }

    @AfterAll
    static void stop() {
        if (throughProxy != null) {
            throughProxy.close();
            proxy.close();
        }
        if (motoKms != null) {
            motoKms.close();
        }
    }

    @Test
    void aColdStartDuringAnOutageStartsAnswers503AndServesOnceKmsAnswers() {
        GenerateDataKeyResponse secret = motoKms.kms.generateDataKey(r -> r.keyId(motoKms.dataKeyArn)
                .keySpec(DataKeySpec.AES_256).encryptionContext(KmsKeyDigester.CONTEXT));
        Optional<String> wrapped = Optional.of(Base64.getEncoder().encodeToString(secret.ciphertextBlob().asByteArray()));
        LicenseKey key = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp"))).generate(new Product("zendesk-mcp"));
        KeyDigest expected = KmsWiring.keyDigester(motoKms.kms, wrapped).digest(key);
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));

        proxy.refuse();
        KeyDigester digester = KmsWiring.keyDigester(throughProxy, wrapped, AwsOutages::isOutage, Duration.ofSeconds(5), clock);
        Unavailable unavailable = assertThrows(Unavailable.class, () -> digester.digest(key));
        assertEquals(Unavailable.Dependency.KEYS, unavailable.dependency());
        assertEquals(Duration.ofSeconds(5), unavailable.retryAfter());

        proxy.pass();
        // Within a second of the last try, KMS is not asked again: still 503, at no cost to KMS.
        assertThrows(Unavailable.class, () -> digester.digest(key));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(expected, digester.digest(key));
        assertEquals(expected, digester.digest(key));
    }

    @Test
    void aSecretKmsRefusesStillFailsTheStartWhileKmsAnswers() {
        GenerateDataKeyResponse other = motoKms.kms.generateDataKey(r -> r.keyId(motoKms.dataKeyArn)
                .keySpec(DataKeySpec.AES_256).encryptionContext(Map.of("tollgate:purpose", "something-else")));
        proxy.pass();
        Optional<String> wrapped = Optional.of(Base64.getEncoder().encodeToString(other.ciphertextBlob().asByteArray()));
        assertThrows(Settings.Refused.class, () -> KmsWiring.keyDigester(throughProxy, wrapped, AwsOutages::isOutage,
                Duration.ofSeconds(5), Clock.systemUTC()));
    }
}
