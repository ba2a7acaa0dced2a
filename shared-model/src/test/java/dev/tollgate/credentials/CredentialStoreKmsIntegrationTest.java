package dev.tollgate.credentials;

import dev.tollgate.keys.KeyVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The credential contract with data keys from KMS over its real wire protocol (moto_server):
 * GenerateDataKey and Decrypt with the tenant's encryption context. Skipped without moto_server.
 */
class CredentialStoreKmsIntegrationTest extends CredentialStoreContract {

    static MotoKms motoKms;

    @BeforeAll
    static void startKms() {
        motoKms = MotoKms.start();
    }

    @AfterAll
    static void stopKms() {
        if (motoKms != null) {
            motoKms.close();
        }
    }

    @Override
    KeyVault vault() {
        return motoKms.vaultFor(motoKms.dataKeyArn);
    }
}
