package dev.tollgate.adapters.kms;

import dev.tollgate.adapters.dynamodb.CredentialStoreContract;
import dev.tollgate.credentials.SealAndOpen;
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
    protected SealAndOpen cipher() {
        return SealAndOpen.with(motoKms.dataKeys(motoKms.dataKeyArn));
    }
}
