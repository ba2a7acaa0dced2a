package dev.tollgate.keys;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import java.util.List;

/**
 * Port: the secrets Tollgate computes with but never hands out. Locally a key ring file; on AWS,
 * KMS (the digest secret is a KMS-wrapped data key, the lease key never leaves KMS).
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
}
