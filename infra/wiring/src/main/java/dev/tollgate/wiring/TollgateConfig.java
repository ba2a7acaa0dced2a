package dev.tollgate.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tunable of Tollgate, once. Defaults are the privacy promise's numbers. What only a
 * deployment can know (table names, key ids, the queue, the bucket) has no default: the adapter
 * that needs it asks for it when the function starts ({@link Settings}), so a function that lacks
 * one of its settings refuses to start and says which, and a function never asks for another's.
 */
@ConfigMapping(prefix = "tollgate")
public interface TollgateConfig {

    /** Products by id, each with the prefix its keys carry. */
    Map<String, ProductConfig> products();

    LeaseConfig lease();

    RetentionConfig retention();

    PurgeConfig purge();

    TablesConfig tables();

    StoreConfig store();

    KmsConfig kms();

    StartupLogConfig startupLog();

    UnknownKeysConfig unknownKeys();

    UpdatesConfig updates();

    ArtifactsConfig artifacts();

    LocalRuntimeConfig local();

    TicketsConfig tickets();

    ZendeskConfig zendesk();

    ModelsConfig models();

    /**
     * Which features a function wires, e.g. {@code tollgate.wiring.validation=true}: read at build
     * time by the feature wiring classes ({@code @IfBuildProperty}); mapped here so they are known keys.
     */
    Map<String, Boolean> wiring();

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

        /**
         * {@code memory}: leases are signed in memory with a key KMS keeps wrapped (one Decrypt per
         * container, no KMS call per lease). {@code kms}: each lease is signed by KMS {@code Sign}, for
         * vendors who require that the private key never leaves KMS.
         */
        @WithDefault("memory")
        Signer signer();

        /**
         * How long a container hands the same signed lease to further instances of one licence asking
         * with identical facts and no nonce (a startup storm costs one signature, not one per instance).
         * {@code PT0S} signs every lease.
         */
        @WithDefault("PT1M")
        Duration reuseWindow();

        LeaseKeysConfig keys();

        enum Signer { memory, kms }
    }

    /** The in-memory signer's key set (tollgate.lease.signer=memory). */
    interface LeaseKeysConfig {
        /** How often validation reads the lease keys table again, to publish and pick up rotated keys. */
        @WithDefault("PT5M")
        Duration refreshInterval();

        /** How long after a rotation the new key starts signing: JWKS caches (max-age 1 h) see it first. */
        @WithDefault("PT2H")
        Duration propagationDelay();
    }

    interface RetentionConfig {
        @WithDefault("P90D")
        Duration licenseAfterExpiry();

        @WithDefault("P90D")
        Duration startupLog();

        /** Admin audit entries: a year, long enough to answer "who changed this licence?" at renewal time. */
        @WithDefault("P365D")
        Duration adminAudit();

        /** Dedup markers of ticket requests. */
        @WithDefault("P1D")
        Duration dedupMarkers();

        /** How long a terminated tenant's integration credentials outlive the day its subscription ends. */
        @WithDefault("PT0S")
        Duration credentialGrace();

        /** Purge reports and erasure receipts. */
        @WithDefault("P365D")
        Duration purgeReports();
    }

    /** The retention purge (functions/retention-purge on AWS, a scheduled job in the local runtime). */
    interface PurgeConfig {
        /** When the local runtime purges (Quartz cron, UTC); {@code off} disables it. AWS: the template's schedule. */
        @WithDefault("0 30 3 * * ?")
        String cron();

        /** Records read and deleted per step. */
        @WithDefault("100")
        int pageSize();

        /** A run stops taking new steps when this little time is left before the Lambda deadline. */
        @WithDefault("PT30S")
        Duration stopBefore();

        /** A run's budget where no Lambda deadline is known (the local runtime). */
        @WithDefault("PT10M")
        Duration maxRun();

        /** How far before the cutoff a category's very first run looks for due records. */
        @WithDefault("P30D")
        Duration firstRunLookBack();
    }

    /** Table names: the SAM template gives each function those it touches, the local runtime all. */
    interface TablesConfig {
        Optional<String> licenses();

        Optional<String> startupLog();

        Optional<String> releases();

        /** Tenants and, beside each, its envelope-encrypted integration credentials. */
        Optional<String> tenants();

        /** Who changed what through the admin API; entries expire after a year. */
        Optional<String> audit();

        /** Purge reports, erasure receipts and where each purge category resumes; a year. */
        Optional<String> purgeReports();

        /** Aggregated model usage per tenant and month: counts, never content. */
        Optional<String> usage();

        /** Dedup markers of ticket requests (a hash of the Idempotency-Key, tenant, state, time), 1-day TTL. */
        Optional<String> idempotency();

        /** Lease signing keys: public halves and KMS-wrapped private halves (tollgate.lease.signer=memory). */
        Optional<String> leaseKeys();

        /** Only the local runtime and tests create tables; on AWS the SAM template owns them. */
        @WithDefault("false")
        boolean createMissing();
    }

    /**
     * The DynamoDB client's budget (infra/adapters/dynamodb). A call that gets no answer within it
     * ends in 503 with Retry-After, well inside the function's Timeout and API Gateway's 30 s
     * (SamTemplateTest holds the template to it), so a request never hangs until Lambda ends it.
     */
    interface StoreConfig {
        String CALL_TIMEOUT = "PT5S";

        /** One try: DynamoDB answers in milliseconds, so a try this slow is a stalled connection. */
        @WithDefault("PT2S")
        Duration attemptTimeout();

        /** All tries of one call together, backoff included. */
        @WithDefault(CALL_TIMEOUT)
        Duration callTimeout();

        /** Tries per call (standard retry mode: its token bucket stops retrying in a long outage). */
        @WithDefault("3")
        int maxAttempts();

        /** What a 503 asks the caller to wait. */
        @WithDefault("PT5S")
        Duration retryAfter();
    }

    /** The KMS keys behind each key capability (infra/adapters/kms). */
    interface KmsConfig {
        /** Base64 ciphertext of the digest secret (GenerateDataKeyWithoutPlaintext, see README). */
        Optional<String> wrappedDigestSecret();

        /** The ECC_NIST_P256 SIGN_VERIFY key that signs leases. */
        Optional<String> leaseSigningKeyId();

        /** Keys that signed leases still in circulation: published in the JWKS, no longer used. */
        Optional<List<String>> retiredLeaseSigningKeyIds();

        /** The symmetric key that wraps the data keys of envelope-encrypted integration credentials. */
        Optional<String> dataKeyId();
    }

    interface StartupLogConfig {
        /** The startup queue's URL (infra/adapters/sqs). */
        Optional<String> queueUrl();

        /** The longest a validation waits for its startup event to be queued before answering anyway. */
        @WithDefault("PT0.02S")
        Duration maxWait();

        /**
         * When a validation's startup send must be done: {@code before-answer} (the answer waits for it,
         * at most {@code max-wait}) or {@code after-answer} (the answer does not wait; an answer tail
         * finishes it before the environment pauses: on Lambda, infra/adapters/lambda).
         */
        @WithDefault("before-answer")
        SendsFinish finish();

        enum SendsFinish { BEFORE_ANSWER, AFTER_ANSWER }

        /** Threads sending to SQS; a Lambda environment serves one request at a time. */
        @WithDefault("2")
        int senderThreads();

        /** Events waiting for a sender beyond which new ones are dropped (and counted). */
        @WithDefault("1000")
        int backlog();
    }

    /**
     * The per-address limit on keys that turn out to be unknown (validation's answer to random-key
     * floods): a burst, then a steady rate. Generous for a person mistyping a key, tight for a flood.
     */
    interface UnknownKeysConfig {
        /** Unknown keys one address may send at once. */
        @WithDefault("10")
        int burst();

        /** The rate its allowance refills at. */
        @WithDefault("10")
        int perMinute();

        /** Addresses tracked at most; beyond that, newcomers share one allowance. */
        @WithDefault("10000")
        int maxClients();
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
        /** The artifacts bucket (infra/adapters/s3). */
        Optional<String> bucket();

        /** Where in the bucket artifacts live; update-url may read only under it. */
        @WithDefault("artifacts/")
        String prefix();

        /** Where new files wait in the bucket until they are published; nothing else may read them. */
        @WithDefault("uploads/")
        String uploadPrefix();
    }

    /** Transient ticket processing (functions/ticket-summary). */
    interface TicketsConfig {
        /** The whole request's budget: API Gateway ends a call at 30 s, the function's timeout is 29 s. */
        @WithDefault("PT25S")
        Duration deadline();

        /** The most tokens of ticket one model call is given; longer tickets are summarised in parts, then combined. */
        @WithDefault("60000")
        int contextBudgetTokens();

        /** The summary's length, about. */
        @WithDefault("100")
        int summaryWords();

        /** The cap on the final answer's tokens. */
        @WithDefault("1024")
        int maxOutputTokens();

        /** How long each part's notes on a long ticket are, about. */
        @WithDefault("150")
        int partNotesWords();

        /** Parts of a long ticket summarised at once (per container). */
        @WithDefault("4")
        int parallelism();

        /** Regions whose local phone numbers (no country code) redaction recognises; international ones always. */
        @WithDefault("US,GB,DE,FR")
        List<String> redactionPhoneRegions();
    }

    /** How Tollgate reaches a tenant's Zendesk (infra/adapters/zendesk): an operator's setting, never a tenant's. */
    interface ZendeskConfig {
        /** {@code {subdomain}} is replaced by the tenant's; tests and the local runtime point it at a stand-in. */
        @WithDefault("https://{subdomain}.zendesk.com")
        String baseUrl();

        /** Attempts per call when Zendesk answers 429 or 5xx (Retry-After is honoured). */
        @WithDefault("4")
        int maxAttempts();

        /** The first backoff when Zendesk gives no Retry-After; it doubles, with jitter, up to the cap. */
        @WithDefault("PT0.5S")
        Duration backoffBase();

        @WithDefault("PT8S")
        Duration backoffCap();

        /** Comment pages followed at most (100 comments each). */
        @WithDefault("200")
        int maxPages();
    }

    /** The model providers (infra/adapters/models) and their prices. */
    interface ModelsConfig {
        /** Anthropic's API; an OpenAI-compatible tenant names its own base URL in its credentials. */
        @WithDefault("https://api.anthropic.com")
        String anthropicBaseUrl();

        @WithDefault("https://api.openai.com/v1")
        String openaiBaseUrl();

        /** Attempts per call when a provider answers 429, 529 or 5xx (retry-after(-ms) honoured). */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("PT1S")
        Duration backoffBase();

        @WithDefault("PT8S")
        Duration backoffCap();

        /**
         * US dollars per million tokens, by provider and model:
         * {@code tollgate.models.prices.anthropic."claude-sonnet-4-5".input-per-mtok=3}. Quote a model
         * name that has dots. A model without a price gets no estimated cost; its tokens still count.
         */
        Map<String, Map<String, PriceConfig>> prices();
    }

    interface PriceConfig {
        java.math.BigDecimal inputPerMtok();

        java.math.BigDecimal outputPerMtok();
    }

    /** Read by the local runtime and the local adapters (infra/local, infra/adapters/local) only. */
    interface LocalRuntimeConfig {
        /** Where the local runtime keeps DynamoDB data, the key ring and artifacts. */
        @WithDefault("${user.home}/.tollgate")
        String dataDir();

        /** The key ring file (digest secret, lease signing key, key-encryption key). */
        @WithDefault("${tollgate.local.data-dir}/keyring.json")
        String keyRing();

        /** The folder release artifacts are kept in. */
        @WithDefault("${tollgate.local.data-dir}/artifacts")
        String artifactsDir();

        /** DynamoDB Local's loopback port; 0 picks a free one. */
        @WithDefault("0")
        int dynamodbPort();

        /** Whether validations leave startup entries (false only to measure the trail's cost). */
        @WithDefault("true")
        boolean recordStartups();

        /** The in-process startup queue: receives before a message is dead-lettered, like the SQS redrive policy. */
        @WithDefault("3")
        int startupQueueMaxReceives();

        /** How long a failed message stays invisible before its next receive. */
        @WithDefault("PT1S")
        Duration startupQueueRetryDelay();

        /** How long the in-process queue waits to fill a batch of 10, as the SQS event source's batching window. */
        @WithDefault("PT0.1S")
        Duration startupQueueBatchWindow();

        /**
         * Whether each startup is forced to a journal in the data folder before the validation is
         * answered, so none is lost to a crash (false only to measure what the journal costs).
         */
        @WithDefault("true")
        boolean startupJournal();

        /** The local runtime's request limits, answered as problem+json (LocalHttpLimits). */
        LocalLimits limits();
    }

    interface LocalLimits {
        /** Any body but an upload's; an upload is held to quarkus.http.limits.max-body-size. */
        @WithDefault("64K")
        io.quarkus.runtime.configuration.MemorySize jsonBody();

        /** Characters in the request URI. */
        @WithDefault("4096")
        int uri();

        /** Bytes of request headers, names and values. */
        @WithDefault("16K")
        io.quarkus.runtime.configuration.MemorySize headers();
    }
}
