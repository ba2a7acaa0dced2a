package dev.tollgate.credentials;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A secret sealed by {@link EnvelopeCipher}: the data key as the vault wrapped it, the AES-GCM nonce,
 * and the ciphertext with its tag. Store it as these three fields, or as one value:
 * {@link #toBytes()} / {@link #toBase64()}, read back by {@link #fromBytes} / {@link #fromBase64}.
 *
 * <p>The compact form is {@code version (1 byte) || wrapped key length (2 bytes, big-endian) ||
 * wrapped key || nonce (12 bytes) || ciphertext and tag}. Arrays are copied in and out, so a
 * {@code Sealed} is a value.
 */
public record Sealed(int version, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {

    /** The tenant bound as associated data. Still parsed, never opened: see {@link EnvelopeCipher.SealedBeforeFactsWereBound}. */
    public static final int V1 = 1;
    /** The tenant and the record's visible facts (kind, provider, model, base URL, subdomain, ...) bound as associated data. */
    public static final int V2 = 2;
    public static final int CURRENT = V2;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int MAX_WRAPPED_KEY_BYTES = 0xFFFF;

    public Sealed {
        if (version != V1 && version != V2) {
            throw new IllegalArgumentException("unsupported sealed secret version " + version);
        }
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (wrappedKey.length == 0 || wrappedKey.length > MAX_WRAPPED_KEY_BYTES) {
            throw new IllegalArgumentException("a wrapped key has 1 to " + MAX_WRAPPED_KEY_BYTES + " bytes");
        }
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("the nonce has " + NONCE_BYTES + " bytes");
        }
        if (ciphertext.length < TAG_BYTES) {
            throw new IllegalArgumentException("the ciphertext is shorter than its tag");
        }
        wrappedKey = wrappedKey.clone();
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(1 + Short.BYTES + wrappedKey.length + nonce.length + ciphertext.length)
                .put((byte) version)
                .putShort((short) wrappedKey.length)
                .put(wrappedKey)
                .put(nonce)
                .put(ciphertext)
                .array();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(toBytes());
    }

    /** @throws IllegalArgumentException if {@code bytes} is not the compact form of a sealed secret */
    public static Sealed fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(Objects.requireNonNull(bytes, "bytes"));
        if (in.remaining() < 1 + Short.BYTES) {
            throw new IllegalArgumentException("not a sealed secret: too short");
        }
        int version = Byte.toUnsignedInt(in.get());
        int wrappedLength = Short.toUnsignedInt(in.getShort());
        if (in.remaining() < wrappedLength + NONCE_BYTES + TAG_BYTES) {
            throw new IllegalArgumentException("not a sealed secret: truncated");
        }
        byte[] wrapped = new byte[wrappedLength];
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(wrapped).get(nonce);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        return new Sealed(version, wrapped, nonce, ciphertext);
    }

    /** @throws IllegalArgumentException if {@code base64} is not the compact form of a sealed secret */
    public static Sealed fromBase64(String base64) {
        return fromBytes(Base64.getDecoder().decode(Objects.requireNonNull(base64, "base64")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sealed other && version == other.version
                && Arrays.equals(wrappedKey, other.wrappedKey)
                && Arrays.equals(nonce, other.nonce)
                && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(wrappedKey), Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    /** No contents, not even lengths: the ciphertext length is the secret's length. */
    @Override
    public String toString() {
        return "Sealed[version=" + version + ", contents redacted]";
    }
}
