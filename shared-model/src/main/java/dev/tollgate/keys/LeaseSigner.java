package dev.tollgate.keys;

/** Capability: sign leases (ES256) with the current lease key. */
public interface LeaseSigner {

    /** The key id ({@code kid}) of the key {@link #signEs256} signs with. */
    String keyId();

    /** ES256 over {@code signingInput}, in JOSE form (r || s, 64 bytes). */
    byte[] signEs256(byte[] signingInput);

    /**
     * The key one lease is signed with, fixed for that lease: where keys rotate, the {@code kid} in
     * the header and the signature must come from the same key. A signer with one key is its own.
     */
    default LeaseSigner current() {
        return this;
    }
}
