package dev.tollgate.adapters.kms;

import dev.tollgate.embedded.MotoServer;
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
        MotoServer moto = MotoServer.startOrSkip();
        KmsClient kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        String arn = kms.createKey(r -> r.description("tollgate integration credentials")
                .keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata().arn();
        return new MotoKms(moto, kms, arn);
    }

    KmsDataKeys dataKeys(String keyId) {
        return new KmsDataKeys(kms, keyId);
    }

    @Override
    public void close() {
        kms.close();
        moto.close();
    }
}
