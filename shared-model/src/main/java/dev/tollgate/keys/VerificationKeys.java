package dev.tollgate.keys;

import java.util.List;

/** Capability: the public keys instances verify leases with, for the JWKS. */
public interface VerificationKeys {

    /** Every public key a lease in circulation may have been signed with, current first. */
    List<VerificationKey> published();
}
