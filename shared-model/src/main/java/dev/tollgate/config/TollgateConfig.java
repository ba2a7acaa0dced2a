package dev.tollgate.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tunable of Tollgate, once. Defaults are the privacy promise's numbers; library-level values
 * (products) are in META-INF/microprofile-config.properties so any runtime can override them.
 */
@ConfigMapping(prefix = "tollgate")
public interface TollgateConfig {

    /** Products by id, each with the prefix its keys carry. */
    Map<String, ProductConfig> products();

    LeaseConfig lease();

    RetentionConfig retention();

    TablesConfig tables();

    KeyVaultConfig keyVault();

    StartupLogConfig startupLog();

    UpdatesConfig updates();

    ArtifactsConfig artifacts();

    LocalRuntimeConfig local();

    /** Read by the local runtime only (infra/local); set before start as system properties or env. */
    interface LocalRuntimeConfig {
        /** Where the local runtime keeps DynamoDB data and the key ring. */
        @WithDefault("${user.home}/.tollgate")
        String dataDir();

        /** DynamoDB Local's loopback port; 0 picks a free one. */
        @WithDefault("0")
        int dynamodbPort();

        /** The in-process startup queue: receives before a message is dead-lettered, like the SQS redrive policy. */
        @WithDefault("3")
        int startupQueueMaxReceives();

        /** How long a failed message stays invisible before its next receive. */
        @WithDefault("PT1S")
        Duration startupQueueRetryDelay();
    }

    interface ProductConfig {
        String keyPrefix();

        /** Whether an expired licence may still download the releases published before it ended. */
        @WithDefault("false")
        boolean expiredLicenseDownloads();
    }

    interface LeaseConfig {
        @WithDefault("tollgate")
        String issuer();

        /** How long an instance runs before it should validate again. */
        @WithDefault("PT24H")
        Duration ttl();

        /** How long it may keep running when Tollgate cannot be reached. */
        @WithDefault("P7D")
        Duration grace();
    }

    interface RetentionConfig {
        @WithDefault("P90D")
        Duration licenseAfterExpiry();

        @WithDefault("P90D")
        Duration startupLog();

        /** Admin audit entries: a year, long enough to answer "who changed this licence?" at renewal time. */
        @WithDefault("P365D")
        Duration adminAudit();
    }

    interface TablesConfig {
        @WithDefault("tollgate-licenses")
        String licenses();

        @WithDefault("tollgate-startup-log")
        String startupLog();

        @WithDefault("tollgate-releases")
        String releases();

        /** Tenants and, beside each, its envelope-encrypted integration credentials. */
        @WithDefault("tollgate-tenants")
        String tenants();

        /** Who changed what through the admin API; entries expire after a year. */
        @WithDefault("tollgate-admin-audit")
        String audit();

        /** Aggregated model usage per tenant and month: counts, never content. */
        @WithDefault("tollgate-usage")
        String usage();

        /** Only the local runtime and tests create tables; on AWS the SAM template owns them. */
        @WithDefault("false")
        boolean createMissing();
    }

    interface StartupLogConfig {
        /**
         * Where validation sends startup events: memory (bounded, for tests), sqs, or none. The local
         * runtime uses its in-process queue for anything but none.
         */
        @WithDefault("memory")
        Publisher publisher();

        /** The startup queue's URL, for publisher=sqs. */
        Optional<String> queueUrl();

        /** The longest a validation waits for its startup event to be queued before answering anyway. */
        @WithDefault("PT0.02S")
        Duration maxWait();

        /** Threads sending to SQS; a Lambda environment serves one request at a time. */
        @WithDefault("2")
        int senderThreads();

        /** Events waiting for a sender beyond which new ones are dropped (and counted). */
        @WithDefault("1000")
        int backlog();

        enum Publisher { MEMORY, SQS, NONE }
    }

    interface UpdatesConfig {
        /** How long an issued download URL works. */
        @WithDefault("PT5M")
        Duration urlTtl();

        /** How long staff have to PUT a new release's file to its upload URL. */
        @WithDefault("PT15M")
        Duration uploadUrlTtl();
    }

    interface ArtifactsConfig {
        @WithDefault("local")
        Provider provider();

        /** The local store's folder. */
        @WithDefault("${user.home}/.tollgate/artifacts")
        String localDir();

        /** The artifacts bucket, for provider=s3. */
        Optional<String> bucket();

        /** Where in the bucket artifacts live; update-url may read only under it. */
        @WithDefault("artifacts/")
        String prefix();

        /** Where new files wait in the bucket until they are published; nothing else may read them. */
        @WithDefault("uploads/")
        String uploadPrefix();

        enum Provider { LOCAL, S3 }
    }

    interface KeyVaultConfig {
        @WithDefault("local")
        Provider provider();

        LocalVault local();

        KmsVault kms();

        enum Provider { LOCAL, KMS }

        interface LocalVault {
            @WithDefault("${user.home}/.tollgate/keyring.json")
            String path();
        }

        interface KmsVault {
            /** The ECC_NIST_P256 SIGN_VERIFY key that signs leases. */
            Optional<String> signingKeyId();

            /** Keys that signed leases still in circulation: published in the JWKS, no longer used. */
            Optional<List<String>> retiredSigningKeyIds();

            /** Base64 ciphertext of the digest secret (GenerateDataKeyWithoutPlaintext, see README). */
            Optional<String> wrappedDigestSecret();

            /** The symmetric key that wraps the data keys of envelope-encrypted integration credentials. */
            Optional<String> dataKeyId();
        }
    }
}
