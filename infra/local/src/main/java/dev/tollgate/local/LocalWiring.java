package dev.tollgate.local;

import dev.tollgate.adapters.dynamodb.DynamoClientBudget;
import dev.tollgate.adapters.dynamodb.DynamoLeaseKeyStore;
import dev.tollgate.adapters.dynamodb.TableBootstrap;
import dev.tollgate.adapters.local.LocalAdapters;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.keys.LeaseKeys;
import dev.tollgate.keys.LeaseSigner;
import dev.tollgate.keys.RotateLeaseKey;
import dev.tollgate.keys.VerificationKeys;
import dev.tollgate.wiring.Settings;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** What the local runtime puts in place of SQS and the startup-log function. */
@Singleton
public class LocalWiring {

    /**
     * The local runtime reads and writes its own DynamoDB Local in process: the same engine and tables
     * as its HTTP port, without SigV4, JSON, sockets and Jetty on every call. Any other endpoint (one
     * this JVM does not run) gets the SDK's HTTP client with its call budget, as on AWS.
     */
    @Produces
    @Singleton
    @Alternative
    @Priority(LocalAdapters.PRIORITY + 1)
    DynamoDbClient dynamoDb(@ConfigProperty(name = "quarkus.dynamodb.endpoint-override") Optional<String> endpoint,
                            Instance<DynamoDbClientBuilder> builder, TollgateConfig config) {
        return EmbeddedDynamoDb.running(endpoint.orElse(null)).map(EmbeddedDynamoDb::inProcessClient)
                .orElseGet(() -> DynamoClientBudget.budgeted(builder.get(), config.store()));
    }

    /** Closes the HTTP client; the in-process one ignores it (the engine stops with LocalMain). */
    void close(@Disposes DynamoDbClient dynamo) {
        dynamo.close();
    }

    /**
     * The in-process queue records startups as SQS and the startup-log function would, ahead of the
     * local adapters' in-memory stand-in; {@code tollgate.local.record-startups=false} records nothing.
     */
    @Produces
    @Singleton
    @Alternative
    @Priority(LocalAdapters.PRIORITY + 1)
    StartupEvents startupEvents(TollgateConfig config, Instance<LocalStartupQueue> queue) {
        return config.local().recordStartups() ? queue.get() : StartupEvents.NONE;
    }

    /**
     * Leases are signed as on AWS with tollgate.lease.signer=memory: keys in the lease keys table, the
     * private half wrapped by the local key ring. The first start with no key makes one, so a fresh
     * data folder validates at once; later keys come from POST /v1/admin/signing-keys/rotate.
     */
    @Produces
    @Singleton
    @Typed(InMemoryLeaseSigner.class)
    InMemoryLeaseSigner inMemoryLeaseSigner(DynamoDbClient dynamo, LeaseKeys keys, KeyRing ring, TollgateConfig config,
                                            Clock clock) {
        String table = Settings.tableName(config.tables().leaseKeys(), "tollgate.tables.lease-keys");
        TableBootstrap.createMissing(dynamo, List.of(new TableBootstrap.Table(DynamoLeaseKeyStore.tableDefinition(table), null)));
        if (keys.all().isEmpty()) {
            new RotateLeaseKey(keys, ring, clock).rotate();
        }
        return new InMemoryLeaseSigner(keys, ring, clock, config.lease().keys().refreshInterval(),
                config.lease().keys().propagationDelay());
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(LocalAdapters.PRIORITY + 1)
    LeaseSigner leaseSigner(InMemoryLeaseSigner signer) {
        return signer;
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(LocalAdapters.PRIORITY + 1)
    VerificationKeys verificationKeys(InMemoryLeaseSigner signer) {
        return signer;
    }
}
