package dev.tollgate.adapters.dynamodb;

import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig;
import dev.tollgate.wiring.TollgateConfig.StoreConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client the extension builds, with explicit time limits and a bounded retry budget
 * ({@code tollgate.store.*}). The SDK's DynamoDB default is up to ten tries and no call timeout, so an
 * unreachable or stalled table would hold a request until Lambda's Timeout; with these, the call gives
 * up and the edge answers 503 with Retry-After. Connection and socket timeouts are the HTTP client's
 * ({@code quarkus.dynamodb.sync-client.*}, set with this module's defaults).
 */
@Singleton
public class DynamoClientBudget {

    @Produces
    @Singleton
    DynamoDbClient dynamoDb(DynamoDbClientBuilder builder, TollgateConfig config) {
        return budgeted(builder, config.store());
    }

    /** The extension's client with the call budget of {@code tollgate.store.*}, for any producer of a DynamoDbClient. */
    public static DynamoDbClient budgeted(DynamoDbClientBuilder builder, StoreConfig configuredStore) {
        StoreConfig store = checked(configuredStore);
        ClientOverrideConfiguration configured = builder.overrideConfiguration();
        builder.overrideConfiguration(configured.toBuilder()
                .apiCallAttemptTimeout(store.attemptTimeout())
                .apiCallTimeout(store.callTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(store.maxAttempts()).build())
                .build());
        return builder.build();
    }

    void close(@Disposes DynamoDbClient dynamo) {
        dynamo.close();
    }

    static StoreConfig checked(StoreConfig store) {
        if (store.maxAttempts() < 1 || store.maxAttempts() > 10) {
            throw new Settings.Refused("tollgate.store.max-attempts must be 1 to 10");
        }
        if (store.attemptTimeout().isNegative() || store.attemptTimeout().isZero()
                || store.attemptTimeout().compareTo(store.callTimeout()) > 0) {
            throw new Settings.Refused("tollgate.store.attempt-timeout must be positive and at most tollgate.store.call-timeout");
        }
        if (store.retryAfter().toSeconds() < 1) {
            throw new Settings.Refused("tollgate.store.retry-after must be at least one second");
        }
        return store;
    }
}
