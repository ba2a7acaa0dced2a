package dev.tollgate.adapters.s3;

import dev.tollgate.release.ArtifactStore;
import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Release artifacts in the artifacts bucket; presigned URLs are signed with the function's own role. */
@Singleton
public class S3Wiring {

    @Produces
    @Singleton
    ArtifactStore artifactStore(S3Client s3, S3Presigner presigner, TollgateConfig config) {
        TollgateConfig.ArtifactsConfig artifacts = config.artifacts();
        String bucket = Settings.required(artifacts.bucket(), "tollgate.artifacts.bucket",
                name -> name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"), "an S3 bucket name");
        return new S3ArtifactStore(s3, presigner, bucket, artifacts.prefix(), artifacts.uploadPrefix());
    }
}
