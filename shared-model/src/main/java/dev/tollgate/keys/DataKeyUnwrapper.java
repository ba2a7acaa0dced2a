package dev.tollgate.keys;

import java.util.Map;

/**
 * Capability: the plaintext of a data key made by a {@link DataKeyWrapper}. Separate from wrapping,
 * so a function that only seals secrets is never able to open them.
 */
public interface DataKeyUnwrapper {

    /**
     * The plaintext of {@code wrapped}; the caller zero-fills it after use.
     *
     * @throws WrongContext if the context differs from the one the key was wrapped under, or the
     *         bytes are not a data key wrapped by this key-encryption key (altered, truncated, foreign)
     */
    byte[] unwrapDataKey(byte[] wrapped, Map<String, String> encryptionContext);

    /**
     * A wrapped data key that will not unwrap here: another context, or not genuine. Deliberately one
     * exception for both, as KMS does, so a refusal tells a prober nothing about which it was.
     */
    final class WrongContext extends RuntimeException {

        public WrongContext(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
