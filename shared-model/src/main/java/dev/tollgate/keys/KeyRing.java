package dev.tollgate.keys;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every key capability from key material held in memory: a digest secret, a P-256 signing key and a
 * key-encryption key. Where KMS wraps data keys under a KMS key, this ring wraps them under its
 * key-encryption key with the encryption context as AES-GCM associated data, so the contract is the
 * same. Where the material lives (a file for the local runtime, nowhere for a test) is the caller's.
 */
public final class KeyRing implements KeyDigester, LeaseSigner, VerificationKeys, DataKeyWrapper, DataKeyUnwrapper,
        LeaseKeyWrapper {

    public static final int KEY_ENCRYPTION_KEY_BYTES = 32;

    /** Wrapped data key = version || nonce || AES-GCM(KEK, data key) with its 128-bit tag. */
    private static final byte WRAP_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int WRAPPED_BYTES = 1 + NONCE_BYTES + DataKey.KEY_BYTES + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HmacDigester digester;
    private final PrivateKey signingKey;
    private final VerificationKey verificationKey;
    private final SecretKey keyEncryptionKey;

    public KeyRing(byte[] digestSecret, KeyPair signing, byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != KEY_ENCRYPTION_KEY_BYTES) {
            throw new IllegalArgumentException("the key-encryption key must have " + KEY_ENCRYPTION_KEY_BYTES + " bytes");
        }
        this.digester = new HmacDigester(digestSecret);
        this.signingKey = signing.getPrivate();
        this.verificationKey = VerificationKey.of((ECPublicKey) signing.getPublic());
        this.keyEncryptionKey = new SecretKeySpec(keyEncryptionKey, "AES");
    }

    /** A ring of fresh random keys that lives as long as the object: for tests. */
    public static KeyRing generate() {
        return new KeyRing(randomBytes(HmacDigester.SECRET_BYTES), Es256.newKeyPair(),
                randomBytes(KEY_ENCRYPTION_KEY_BYTES));
    }

    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public KeyDigest digest(LicenseKey key) {
        return digester.digest(key);
    }

    @Override
    public String keyId() {
        return verificationKey.keyId();
    }

    @Override
    public byte[] signEs256(byte[] signingInput) {
        return Es256.sign(signingKey, signingInput);
    }

    @Override
    public List<VerificationKey> published() {
        return List.of(verificationKey);
    }

    @Override
    public DataKey generateDataKey(Map<String, String> encryptionContext) {
        byte[] aad = associatedData(encryptionContext);
        byte[] plaintext = randomBytes(DataKey.KEY_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            byte[] sealed = gcm.doFinal(plaintext);
            byte[] wrapped = ByteBuffer.allocate(WRAPPED_BYTES).put(WRAP_V1).put(nonce).put(sealed).array();
            return new DataKey(plaintext, wrapped);
        } catch (GeneralSecurityException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public byte[] unwrapDataKey(byte[] wrapped, Map<String, String> encryptionContext) {
        Objects.requireNonNull(wrapped, "wrapped");
        byte[] aad = associatedData(encryptionContext);
        if (wrapped.length != WRAPPED_BYTES || wrapped[0] != WRAP_V1) {
            throw new WrongContext("not a data key wrapped by this key ring", null);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, wrapped, 1, NONCE_BYTES));
            gcm.updateAAD(aad);
            return gcm.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WrongContext("the data key was wrapped under another encryption context, "
                    + "by another key ring, or has been altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * A lease key's private half, sealed as a data key is (version || nonce || AES-GCM under the
     * key-encryption key, {@link LeaseKeyWrapper#CONTEXT} as associated data) but of any length.
     */
    @Override
    public byte[] wrap(byte[] privateKey) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(associatedData(LeaseKeyWrapper.CONTEXT));
            byte[] sealed = gcm.doFinal(privateKey);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(WRAP_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        Objects.requireNonNull(wrapped, "wrapped");
        if (wrapped.length <= 1 + NONCE_BYTES + TAG_BITS / 8 || wrapped[0] != WRAP_V1) {
            throw new WrongContext("not a lease key wrapped by this key ring", null);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, wrapped, 1, NONCE_BYTES));
            gcm.updateAAD(associatedData(LeaseKeyWrapper.CONTEXT));
            return gcm.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WrongContext("the lease key was wrapped for another purpose, by another key ring, "
                    + "or has been altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The encryption context as GCM associated data, canonical so that key order does not matter and
     * unambiguous so that no two contexts share an encoding ({@code {"a":"b=c"}} vs {@code {"a=b":"c"}}):
     * the wrap format version, the entry count, then each entry sorted by key as length-prefixed UTF-8
     * key and value.
     */
    static byte[] associatedData(Map<String, String> encryptionContext) {
        Objects.requireNonNull(encryptionContext, "encryptionContext");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WRAP_V1);
        writeInt(out, encryptionContext.size());
        new TreeMap<>(encryptionContext).forEach((key, value) -> {
            writeLengthPrefixed(out, Objects.requireNonNull(key, "context key"));
            writeLengthPrefixed(out, Objects.requireNonNull(value, "context value"));
        });
        return out.toByteArray();
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeInt(out, utf8.length);
        out.writeBytes(utf8);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
    }
}
