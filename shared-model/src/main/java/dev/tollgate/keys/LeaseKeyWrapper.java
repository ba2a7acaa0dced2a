package dev.tollgate.keys;

import java.util.Map;

/**
 * Capability: wrap and unwrap the private half of a lease signing key (PKCS#8 bytes) under a key
 * the vault guards (KMS on AWS, the local key ring locally), always with {@link #CONTEXT}, so a
 * ciphertext made for another purpose never opens as a signing key and a key policy can require it.
 */
public interface LeaseKeyWrapper {

    String PURPOSE_KEY = "tollgate:purpose";
    String PURPOSE = "lease-signing";
    Map<String, String> CONTEXT = Map.of(PURPOSE_KEY, PURPOSE);

    byte[] wrap(byte[] privateKey);

    /**
     * The private key bytes; the caller zero-fills them once the key is built.
     *
     * @throws DataKeyUnwrapper.WrongContext if the bytes were wrapped under another context or key, or altered
     */
    byte[] unwrap(byte[] wrapped);
}
