package dev.tollgate.adapters.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.adapters.dynamodb.DynamoLeaseKeyStore;
import dev.tollgate.adapters.dynamodb.TableBootstrap;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.keys.LeaseKey;
import dev.tollgate.keys.LeaseKeyStatus;
import dev.tollgate.keys.LeaseKeyWrapper;
import dev.tollgate.keys.RetireLeaseKey;
import dev.tollgate.keys.RotateLeaseKey;
import dev.tollgate.lease.Lease;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.lease.LeaseVerification;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.Licenses;
import dev.tollgate.license.Product;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Lease keys wrapped by KMS (moto_server) and stored on DynamoDB Local: rotate, sign in memory, verify
 * with nimbus-jose-jwt and the JWKS alone. Skipped where moto_server is not installed.
 */
class LeaseKeysKmsIntegrationTest {

    static MotoKms motoKms;
    static EmbeddedDynamoDb engine;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        motoKms = MotoKms.start();
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo, List.of(new TableBootstrap.Table(
                DynamoLeaseKeyStore.tableDefinition("lease-keys-it"), null)));
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
            engine.close();
        }
        if (motoKms != null) {
            motoKms.close();
        }
    }

    static License license() {
        Instant now = Instant.now();
        return new License(new KeyDigest("d".repeat(64)), "X2M9", Licenses.TENANT, "Acme", new Product("zendesk-mcp"),
                LicenseStatus.ACTIVE, LocalDate.now().plusYears(1), now, now);
    }

    @Test
    void aRotatedKeySignsInMemoryWithOneDecryptAndVerifiesWithTheJwksUntilRetired() throws Exception {
        DynamoLeaseKeyStore table = new DynamoLeaseKeyStore(dynamo, "lease-keys-it");
        AtomicInteger decrypts = new AtomicInteger();
        KmsLeaseKeyWrapper kms = new KmsLeaseKeyWrapper(motoKms.kms, motoKms.dataKeyArn);
        LeaseKeyWrapper counting = new LeaseKeyWrapper() {
            @Override
            public byte[] wrap(byte[] privateKey) {
                return kms.wrap(privateKey);
            }

            @Override
            public byte[] unwrap(byte[] wrapped) {
                decrypts.incrementAndGet();
                return kms.unwrap(wrapped);
            }
        };
        Clock clock = Clock.systemUTC();
        LeaseKey first = new RotateLeaseKey(table, counting, clock).rotate();
        InMemoryLeaseSigner signer = new InMemoryLeaseSigner(table, counting, clock, Duration.ofMillis(1), Duration.ZERO);
        LeaseIssuer issuer = new LeaseIssuer(signer, new LeasePolicy("tollgate", Duration.ofHours(24), Duration.ofDays(7)));
        Lease old = issuer.issue(license(), clock.instant());
        for (int i = 0; i < 20; i++) {
            LeaseVerification.verify(issuer.issue(license(), clock.instant()).token(), LeaseVerification.jwksOf(signer));
        }
        assertEquals(1, decrypts.get(), "one KMS Decrypt for the container, none per lease");

        Thread.sleep(5);
        LeaseKey second = new RotateLeaseKey(table, counting, clock).rotate();
        Thread.sleep(5);
        Lease fresh = issuer.issue(license(), clock.instant());
        assertTrue(fresh.token().startsWith(headerOf(fresh)), "sanity");
        assertEquals(second.keyId(), signer.current().keyId());
        LeaseVerification.verify(old.token(), LeaseVerification.jwksOf(signer));
        LeaseVerification.verify(fresh.token(), LeaseVerification.jwksOf(signer));

        assertEquals(LeaseKeyStatus.RETIRED,
                new RetireLeaseKey(table, clock, Duration.ZERO).retire(first.keyId()).status());
        Thread.sleep(5);
        String jwks = LeaseVerification.jwksOf(signer);
        LeaseVerification.verify(fresh.token(), jwks);
        assertThrows(Exception.class, () -> LeaseVerification.verify(old.token(), jwks));
        assertEquals(2, decrypts.get(), "one Decrypt per key, ever");
        assertEquals(List.of(LeaseKeyStatus.ACTIVE, LeaseKeyStatus.RETIRED),
                table.all().stream().map(LeaseKey::status).toList());
    }

    @Test
    void aWrappedLeaseKeyDoesNotOpenUnderAnotherContext() {
        KmsLeaseKeyWrapper wrapper = new KmsLeaseKeyWrapper(motoKms.kms, motoKms.dataKeyArn);
        byte[] wrapped = wrapper.wrap(new byte[] {1, 2, 3, 4});
        assertEquals(4, wrapper.unwrap(wrapped).length);

        // Independently of Tollgate's code: KMS opens it only under the lease-signing context.
        SdkBytes blob = SdkBytes.fromByteArray(wrapped);
        assertThrows(InvalidCiphertextException.class, () -> motoKms.kms.decrypt(r -> r.ciphertextBlob(blob)
                .encryptionContext(Map.of("tollgate:purpose", "license-key-digest"))));
        assertThrows(InvalidCiphertextException.class, () -> motoKms.kms.decrypt(r -> r.ciphertextBlob(blob)));

        // And a ciphertext made for another purpose does not open as a lease key.
        byte[] other = motoKms.kms.encrypt(r -> r.keyId(motoKms.dataKeyArn).plaintext(SdkBytes.fromByteArray(new byte[] {9}))
                .encryptionContext(Map.of("tollgate:purpose", "integration-credential"))).ciphertextBlob().asByteArray();
        DataKeyUnwrapper.WrongContext refused = assertThrows(DataKeyUnwrapper.WrongContext.class, () -> wrapper.unwrap(other));
        assertInstanceOf(InvalidCiphertextException.class, refused.getCause());
    }

    private static String headerOf(Lease lease) {
        return lease.token().substring(0, lease.token().indexOf('.'));
    }
}
