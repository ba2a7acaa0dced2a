package dev.tollgate.keys;

import java.util.Arrays;
import java.util.Objects;

/**
 * An AES-256 data key from {@link DataKeyWrapper#generateDataKey}: the plaintext to encrypt one record with,
 * and the wrapped form to store beside it. The record owns both arrays and does not copy them, so
 * {@link #destroy()} (or closing it) zero-fills the only copy of the plaintext this code holds. The
 * JCA keeps its own copies inside a key spec or cipher, so this narrows, not closes, the window.
 */
public record DataKey(byte[] plaintext, byte[] wrapped) implements AutoCloseable {

    /** AES-256. */
    public static final int KEY_BYTES = 32;

    public DataKey {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(wrapped, "wrapped");
        if (plaintext.length != KEY_BYTES) {
            throw new IllegalArgumentException("a data key has " + KEY_BYTES + " bytes, not " + plaintext.length);
        }
        if (wrapped.length == 0) {
            throw new IllegalArgumentException("the wrapped data key is empty");
        }
    }

    /** Zero-fills the plaintext; the wrapped form stays usable. */
    public void destroy() {
        Arrays.fill(plaintext, (byte) 0);
    }

    @Override
    public void close() {
        destroy();
    }

    /** Never the key bytes: a data key must not reach a log line. */
    @Override
    public String toString() {
        return "DataKey[plaintext=(redacted), wrapped=" + wrapped.length + " bytes]";
    }
}
