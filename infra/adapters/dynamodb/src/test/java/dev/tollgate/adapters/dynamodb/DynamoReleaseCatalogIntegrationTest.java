package dev.tollgate.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.license.Product;
import dev.tollgate.release.Release;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.release.SemVer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The releases adapter on DynamoDB Local. */
class DynamoReleaseCatalogIntegrationTest {

    static EmbeddedDynamoDb engine;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo,
                List.of(new TableBootstrap.Table(DynamoReleaseCatalog.tableDefinition("releases-it"), null)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void releasesRoundTripAndAVersionIsAddedOnce() {
        DynamoReleaseCatalog catalog = new DynamoReleaseCatalog(dynamo, "releases-it");
        Product product = new Product("zendesk-mcp");
        Release withNotes = new Release(product, SemVer.parse("1.10.0"), "stable", "zendesk-mcp/1.10.0/z.tar.gz", "z.tar.gz",
                "a".repeat(64), 1234, Instant.parse("2026-11-20T10:00:00Z"), false, Optional.of("Faster triage"));
        Release yanked = new Release(product, SemVer.parse("1.9.0-rc.1"), "beta", "zendesk-mcp/1.9.0-rc.1/z.tar.gz",
                "z.tar.gz", "b".repeat(64), 99, Instant.parse("2026-11-10T10:00:00Z"), true, Optional.empty());
        catalog.add(withNotes);
        catalog.add(yanked);
        assertThrows(ReleaseCatalog.DuplicateRelease.class, () -> catalog.add(withNotes));

        assertEquals(Optional.of(withNotes), catalog.find(product, SemVer.parse("1.10.0")));
        assertTrue(catalog.find(product, SemVer.parse("1.1.0")).isEmpty());
        assertEquals(List.of(yanked, withNotes),
                catalog.list(product).stream().sorted(Comparator.comparing(Release::version)).toList());
        assertTrue(catalog.list(new Product("other-product")).isEmpty());
    }
}
