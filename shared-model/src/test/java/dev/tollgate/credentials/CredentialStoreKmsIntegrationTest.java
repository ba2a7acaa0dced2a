package dev.tollgate.credentials;

import dev.tollgate.embedded.MotoServer;
import dev.tollgate.keys.KeyVault;
import dev.tollgate.keys.KmsKeyVault;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * The credential contract with data keys from KMS over its real wire protocol (moto_server):
 * GenerateDataKey and Decrypt with the tenant's encryption context. Skipped without moto_server.
 */
class CredentialStoreKmsIntegrationTest extends CredentialStoreContract {

    static MotoServer moto;
    static KmsClient kms;
    static String dataKeyArn;

    @BeforeAll
    static void startKms() {
        Assumptions.assumeTrue(MotoServer.isAvailable(), "moto_server is not on the PATH (pip install \"moto[server]\")");
        moto = MotoServer.start();
        kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        dataKeyArn = kms.createKey(r -> r.description("tollgate integration credentials")
                .keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata().arn();
    }

    @AfterAll
    static void stopKms() {
        if (kms != null) {
            kms.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    /** Signing key and digest secret are resolved lazily and play no part in data keys. */
    @Override
    KeyVault vault() {
        return new KmsKeyVault(kms, "arn:aws:kms:us-east-1:123456789012:key/unused", List.of(), "AA==", dataKeyArn);
    }
}
