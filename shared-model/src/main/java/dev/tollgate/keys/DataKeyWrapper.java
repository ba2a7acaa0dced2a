package dev.tollgate.keys;

import java.util.Map;

/** Capability: new data keys for envelope encryption, wrapped under a key-encryption key. */
public interface DataKeyWrapper {

    /**
     * A fresh AES-256 data key: its plaintext, to encrypt one record with and then
     * {@linkplain DataKey#destroy() destroy}, and its wrapped form, to store beside the record. The
     * wrapped form is bound to {@code encryptionContext}: it unwraps under exactly that context (key
     * order aside) and no other.
     */
    DataKey generateDataKey(Map<String, String> encryptionContext);
}
