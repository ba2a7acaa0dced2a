package dev.tollgate.adapters.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.credentials.CredentialOpener;
import dev.tollgate.credentials.EnvelopeCipher;
import dev.tollgate.credentials.SealAndOpen;
import dev.tollgate.credentials.Sealed;
import dev.tollgate.keys.DataKeyUnwrapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Envelope encryption with data keys from KMS (GenerateDataKey / Decrypt with the tenant's encryption
 * context) over the real KMS wire protocol (moto_server). Skipped where moto_server is not installed:
 * {@code pip install "moto[server]"} enables it.
 */
class EnvelopeCipherKmsIntegrationTest {

    static final String SECRET = "zendesk-oauth-token-Zk3vQ9pL0xR7sT2uW5yA8bC1dE4fG6hJ";

    static MotoKms motoKms;
    static KmsClient kms;
    static String dataKeyArn;
    static SealAndOpen cipher;

    @BeforeAll
    static void start() {
        motoKms = MotoKms.start();
        kms = motoKms.kms;
        dataKeyArn = motoKms.dataKeyArn;
        cipher = SealAndOpen.with(motoKms.dataKeys(dataKeyArn));
    }

    @AfterAll
    static void stop() {
        if (motoKms != null) {
            motoKms.close();
        }
    }

    @Test
    void aSealedSecretOpensForItsTenant() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        assertEquals(SECRET, cipher.openText("tenant-a", Sealed.fromBase64(sealed.toBase64())));
        assertEquals(SECRET, new CredentialOpener(motoKms.dataKeys(dataKeyArn)).openText("tenant-a", sealed));
    }

    @Test
    void kmsRefusesTheDataKeyOfOneTenantUnderAnothersContext() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        EnvelopeCipher.CannotOpen refused = assertThrows(EnvelopeCipher.CannotOpen.class,
                () -> cipher.open("tenant-b", sealed));
        assertInstanceOf(DataKeyUnwrapper.WrongContext.class, refused.getCause());
        assertInstanceOf(InvalidCiphertextException.class, refused.getCause().getCause());

        // Independently of Tollgate's code: KMS decrypts the wrapped key only under the tenant's context.
        SdkBytes blob = SdkBytes.fromByteArray(sealed.wrappedKey());
        assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob)
                .encryptionContext(EnvelopeCipher.encryptionContext("tenant-b"))));
        assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        assertEquals(32, kms.decrypt(r -> r.ciphertextBlob(blob)
                .encryptionContext(Map.of("tollgate:tenant", "tenant-a", "tollgate:purpose", "integration-credential")))
                .plaintext().asByteArray().length);
    }

    @Test
    void twoSealsOfTheSameSecretShareNothing() {
        Sealed one = cipher.seal("tenant-a", SECRET);
        Sealed two = cipher.seal("tenant-a", SECRET);
        assertFalse(Arrays.equals(one.ciphertext(), two.ciphertext()), "ciphertext");
        assertFalse(Arrays.equals(one.nonce(), two.nonce()), "nonce");
        assertFalse(Arrays.equals(one.wrappedKey(), two.wrappedKey()), "wrapped key");
    }

    @Test
    void theStoredFormHoldsNoPlaintextAndAnAlteredWrappedKeyIsRefused() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        assertFalse(contains(sealed.toBytes(), SECRET.getBytes(StandardCharsets.UTF_8)));
        assertFalse(sealed.toBase64().contains(SECRET));

        byte[] wrapped = sealed.wrappedKey();
        wrapped[wrapped.length - 1] ^= 1;
        Sealed altered = new Sealed(sealed.version(), wrapped, sealed.nonce(), sealed.ciphertext());
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> cipher.open("tenant-a", altered));

        byte[] ciphertext = sealed.ciphertext();
        ciphertext[0] ^= 1;
        Sealed alteredText = new Sealed(sealed.version(), sealed.wrappedKey(), sealed.nonce(), ciphertext);
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> cipher.open("tenant-a", alteredText));
    }

    @Test
    void aDataKeyWrappedUnderAnotherKmsKeyIsNotUnwrapped() {
        String otherKey = kms.createKey(r -> r.description("someone else's")).keyMetadata().arn();
        Sealed sealed = SealAndOpen.with(motoKms.dataKeys(otherKey)).seal("tenant-a", SECRET);
        // KMS answers IncorrectKeyException; moto answers AccessDenied. Either way, no plaintext.
        assertThrows(RuntimeException.class, () -> cipher.open("tenant-a", sealed));
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8),
                SealAndOpen.with(motoKms.dataKeys(otherKey)).open("tenant-a", sealed));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
