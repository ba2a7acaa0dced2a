package dev.tollgate.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Envelope encryption with an in-memory key ring: sealing, opening, and everything that must not open. */
class EnvelopeCipherTest {

    static final String SECRET = "zendesk-oauth-token-Zk3vQ9pL0xR7sT2uW5yA8bC1dE4fG6hJ";
    KeyRing ring;
    SealAndOpen cipher;

    @BeforeEach
    void openRing() {
        ring = KeyRing.generate();
        cipher = SealAndOpen.with(ring);
    }

    @Test
    void aSealedSecretOpensForItsTenant() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        assertEquals(SECRET, cipher.openText("tenant-a", sealed));

        byte[] binary = {0, 1, 2, (byte) 0xFF, 0};
        assertArrayEquals(binary, cipher.open("tenant-a", cipher.seal("tenant-a", binary)));
        assertArrayEquals(new byte[0], cipher.open("tenant-a", cipher.seal("tenant-a", new byte[0])));
    }

    @Test
    void aSealedSecretSurvivesItsEncodingsAndAnotherOpener() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        CredentialOpener reopened = new CredentialOpener(ring);
        assertEquals(SECRET, reopened.openText("tenant-a", Sealed.fromBase64(sealed.toBase64())));
        assertEquals(SECRET, reopened.openText("tenant-a", Sealed.fromBytes(sealed.toBytes())));
        assertEquals(SECRET, reopened.openText("tenant-a",
                new Sealed(sealed.version(), sealed.wrappedKey(), sealed.nonce(), sealed.ciphertext())));
        assertEquals(sealed, Sealed.fromBase64(sealed.toBase64()));
    }

    @Test
    void twoSealsOfTheSameSecretShareNothing() {
        Sealed one = cipher.seal("tenant-a", SECRET);
        Sealed two = cipher.seal("tenant-a", SECRET);
        assertFalse(Arrays.equals(one.ciphertext(), two.ciphertext()), "ciphertext");
        assertFalse(Arrays.equals(one.nonce(), two.nonce()), "nonce");
        assertFalse(Arrays.equals(one.wrappedKey(), two.wrappedKey()), "wrapped key");
        assertFalse(one.toBase64().equals(two.toBase64()));
    }

    @Test
    void aSecretSealedForOneTenantDoesNotOpenForAnother() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        EnvelopeCipher.CannotOpen refused = assertThrows(EnvelopeCipher.CannotOpen.class,
                () -> cipher.open("tenant-b", sealed));
        // The key ring refuses to unwrap the data key under the other tenant's context.
        assertInstanceOf(DataKeyUnwrapper.WrongContext.class, refused.getCause());
        assertFalse(refused.getMessage().contains(SECRET));
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> cipher.open("tenant-A", sealed));
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> cipher.open("tenant-a ", sealed));
    }

    @Test
    void aSecretDoesNotOpenWithAnotherKeyRing() {
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        SealAndOpen other = SealAndOpen.with(KeyRing.generate());
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> other.open("tenant-a", sealed));
    }

    @Test
    void flippingAnyBitOfTheSealedFormIsRefused() {
        byte[] good = cipher.seal("tenant-a", SECRET).toBytes();
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                assertRefused(bad, "byte " + i + " bit " + bit);
            }
        }
        assertRefused(Arrays.copyOf(good, good.length - 1), "truncated");
        assertRefused(Arrays.copyOf(good, good.length + 1), "extended");
    }

    void assertRefused(byte[] bad, String what) {
        try {
            byte[] opened = cipher.open("tenant-a", Sealed.fromBytes(bad));
            fail(what + " opened to " + opened.length + " bytes");
        } catch (EnvelopeCipher.CannotOpen | IllegalArgumentException expected) {
            // refused: either not a sealed secret at all, or one that does not authenticate
        }
    }

    @Test
    void theStoredFormHoldsNoPlaintext() {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        Sealed sealed = cipher.seal("tenant-a", SECRET);

        byte[] raw = sealed.toBytes();
        assertFalse(contains(raw, secret), "raw bytes");
        assertFalse(contains(raw, Arrays.copyOf(secret, 8)), "raw bytes, a prefix");
        String text = sealed.toBase64();
        assertFalse(text.contains(SECRET), "Base64 text");
        assertFalse(text.contains(Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(secret, 12))),
                "Base64 text, the secret's own Base64");
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("zendesk"), "raw bytes as text");
        assertFalse(sealed.toString().contains(text.substring(0, 16)), "toString");
        assertFalse(sealed.toString().contains(SECRET), "toString");
    }

    @Test
    void aTenantIdIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(" ", SECRET));
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(null, SECRET));
        Sealed sealed = cipher.seal("tenant-a", SECRET);
        assertThrows(IllegalArgumentException.class, () -> cipher.open("", sealed));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
