package dev.tollgate.adapters.dynamodb;

import dev.tollgate.license.Product;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.release.Release;
import dev.tollgate.release.ReleaseCatalog;
import dev.tollgate.release.SemVer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The releases table: partition = product, sort = version text. Semantic-version order is not
 * string order, so listings are sorted in code (a product has tens of releases, not millions).
 * The catalog holds no personal data and has no TTL.
 */
public final class DynamoReleaseCatalog implements ReleaseCatalog {

    public static final String PRODUCT = "product";
    public static final String VERSION = "version";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReleaseCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table's shape, for the local runtime and tests; sam-template.yaml declares the same. */
    public static CreateTableRequest tableDefinition(String table) {
        return DynamoTables.keyed(table, PRODUCT, VERSION);
    }

    @Override
    public void add(Release release) {
        AuditedTransaction.put(dynamo, PutItemRequest.builder().tableName(table).item(toItem(release))
                .conditionExpression("attribute_not_exists(#v)")
                .expressionAttributeNames(Map.of("#v", VERSION)).build(), DuplicateRelease::new);
    }

    @Override
    public Optional<Release> find(Product product, SemVer version) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(PRODUCT, s(product.id()), VERSION, s(version.toString())))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean markYanked(Product product, SemVer version) {
        // Inside a staff command the update commits with its audit entry; a condition that fails then is
        // the same lost race as false here.
        try {
            AuditedTransaction.update(dynamo, UpdateItemRequest.builder().tableName(table)
                    .key(Map.of(PRODUCT, s(product.id()), VERSION, s(version.toString())))
                    .updateExpression("SET yanked = :yes")
                    .conditionExpression("attribute_exists(#v) AND yanked = :no")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true),
                            ":no", AttributeValue.fromBool(false))).build(),
                    () -> Refusal.concurrentChange("version " + version + " of " + product.id()));
            return true;
        } catch (Refusal lostRace) {
            if (AuditedTransaction.holding()) {
                throw lostRace;
            }
            return false;
        }
    }

    @Override
    public List<Release> list(Product product) {
        return dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#p = :p")
                        .expressionAttributeNames(Map.of("#p", PRODUCT))
                        .expressionAttributeValues(Map.of(":p", s(product.id()))))
                .items().stream().map(DynamoReleaseCatalog::fromItem).toList();
    }

    private static Map<String, AttributeValue> toItem(Release r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PRODUCT, s(r.product().id()));
        item.put(VERSION, s(r.version().toString()));
        item.put("channel", s(r.channel()));
        item.put("objectKey", s(r.objectKey()));
        item.put("fileName", s(r.fileName()));
        item.put("sha256", s(r.sha256Hex()));
        item.put("size", AttributeValue.fromN(Long.toString(r.size())));
        item.put("publishedAt", s(r.publishedAt().toString()));
        item.put("yanked", AttributeValue.fromBool(r.yanked()));
        r.notes().ifPresent(notes -> item.put("notes", s(notes)));
        return item;
    }

    private static Release fromItem(Map<String, AttributeValue> item) {
        return new Release(
                new Product(item.get(PRODUCT).s()),
                SemVer.parse(item.get(VERSION).s()),
                item.get("channel").s(),
                item.get("objectKey").s(),
                item.get("fileName").s(),
                item.get("sha256").s(),
                Long.parseLong(item.get("size").n()),
                Instant.parse(item.get("publishedAt").s()),
                item.get("yanked").bool(),
                Optional.ofNullable(item.get("notes")).map(AttributeValue::s));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
