package dev.tollgate.keys;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;

/**
 * Capability: turn a licence key into the digest Tollgate stores and looks up by.
 */
public interface KeyDigester {

    /**
     * HMAC-SHA256 of the canonical key. A keyed MAC and not a plain hash: licence keys have a known
     * format, so a leaked table of plain hashes could be checked offline against guessed keys.
     */
    KeyDigest digest(LicenseKey key);
}
