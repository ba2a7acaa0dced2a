package dev.tollgate.local;

import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import dev.tollgate.startup.UnknownKeyTally;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a random-key flood is made of and leaves behind: fresh unknown keys, the tally's count, the trail's items. */
record FloodLedger(LicenseKeyFormat format, UnknownKeyTally tally, DynamoDbClient dynamo) {

    static final Product PRODUCT = new Product("zendesk-mcp");

    String randomKey() {
        return format.generate(PRODUCT).display();
    }

    long counted() {
        Instant now = Instant.now();
        return tally.hours(PRODUCT, now.minus(Duration.ofDays(7)), now.plus(Duration.ofHours(1)))
                .stream().mapToLong(UnknownKeyTally.Hour::count).sum();
    }

    int startupLogItems() {
        return dynamo.scanPaginator(r -> r.tableName("tollgate-startup-log").select("COUNT")).stream()
                .mapToInt(page -> page.count()).sum();
    }
}
