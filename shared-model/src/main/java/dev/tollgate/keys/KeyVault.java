package dev.tollgate.keys;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.util.List;
import java.util.Map;

/**
 * Port: the secrets Tollgate computes with but never hands out. Locally a key ring file; on AWS,
 * KMS (the digest secret is a KMS-wrapped data key, the lease key never leaves KMS, data keys for
 * envelope encryption are wrapped by a KMS key).
 */
public interface KeyVault {

    /**
     * HMAC-SHA256 of the canonical key. A keyed MAC and not a plain hash: licence keys have a known
     * format, so a leaked table of plain hashes could be checked offline against guessed keys.
     */
    KeyDigest digest(LicenseKey key);

    /** ES256 over {@code signingInput}, in JOSE form (r || s, 64 bytes), with the current key. */
    byte[] signEs256(byte[] signingInput);

    /** The key id ({@code kid}) of the current signing key. */
    String signingKeyId();

    /** Every public key a lease in circulation may have been signed with, current first. */
    List<VerificationKey> verificationKeys();

    /**
     * A fresh AES-256 data key for envelope encryption: its plaintext, to encrypt one record with and
     * then {@linkplain DataKey#destroy() destroy}, and its wrapped form, to store beside the record.
     * The wrapped form is bound to {@code encryptionContext}: it unwraps under exactly that context
     * (key order aside) and no other.
     */
    DataKey generateDataKey(Map<String, String> encryptionContext);

    /**
     * The plaintext of a data key wrapped by {@link #generateDataKey}; the caller zero-fills it after
     * use.
     *
     * @throws WrongContext if the context differs from the one the key was wrapped under, or the
     *         bytes are not a data key wrapped by this vault (altered, truncated, from another vault)
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
