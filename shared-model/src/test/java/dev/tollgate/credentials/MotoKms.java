package dev.tollgate.credentials;

import dev.tollgate.embedded.MotoServer;
import dev.tollgate.keys.KmsKeyVault;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * KMS over its real wire protocol (moto_server) with one symmetric data key: what every data-key
 * test starts from. Skips the calling test class where moto_server is not installed.
 */
final class MotoKms implements AutoCloseable {

    final MotoServer moto;
    final KmsClient kms;
    final String dataKeyArn;

    private MotoKms(MotoServer moto, KmsClient kms, String dataKeyArn) {
        this.moto = moto;
        this.kms = kms;
        this.dataKeyArn = dataKeyArn;
    }

    static MotoKms start() {
        Assumptions.assumeTrue(MotoServer.isAvailable(), "moto_server is not on the PATH (pip install \"moto[server]\")");
        MotoServer moto = MotoServer.start();
        KmsClient kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        String arn = kms.createKey(r -> r.description("tollgate integration credentials")
                .keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata().arn();
        return new MotoKms(moto, kms, arn);
    }

    /** Signing key and digest secret are resolved lazily and play no part in data keys. */
    KmsKeyVault vaultFor(String dataKeyId) {
        return new KmsKeyVault(kms, "arn:aws:kms:us-east-1:123456789012:key/unused", List.of(), "AA==", dataKeyId);
    }

    @Override
    public void close() {
        kms.close();
        moto.close();
    }
}
