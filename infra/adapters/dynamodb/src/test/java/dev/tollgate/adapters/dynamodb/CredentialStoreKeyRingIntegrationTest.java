package dev.tollgate.adapters.dynamodb;

import dev.tollgate.credentials.SealAndOpen;
import dev.tollgate.keys.KeyRing;

/** The credential contract with data keys wrapped by a key ring (the local runtime's kind of keys). */
class CredentialStoreKeyRingIntegrationTest extends CredentialStoreContract {

    @Override
    protected SealAndOpen cipher() {
        return SealAndOpen.with(KeyRing.generate());
    }
}
