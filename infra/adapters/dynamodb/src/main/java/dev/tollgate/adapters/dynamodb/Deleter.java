package dev.tollgate.adapters.dynamodb;

import dev.tollgate.retention.DueItem;
import dev.tollgate.retention.DueItems;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * Deletes due items one conditional DeleteItem each, a few at a time. Not BatchWriteItem: its IAM
 * action also allows writes, and the purge's role may only delete; and a condition (still due, still
 * there) is what keeps a licence renewed a moment ago from being purged, and tells "deleted" from
 * "already gone". The SDK retries throttling and 5xx; an item still failing after {@value #ATTEMPTS}
 * attempts comes back as failed, for the next run.
 */
final class Deleter {

    private static final Logger LOG = Logger.getLogger(Deleter.class);
    private static final int ATTEMPTS = 3;
    private static final int PARALLEL = 8;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "retention-purge-delete");
        t.setDaemon(true);
        return t;
    });

    private enum Outcome { DELETED, GONE, FAILED }

    private Deleter() {
    }

    /** {@code request} builds the conditional delete of one item. */
    static DueItems.Deletion delete(DynamoDbClient dynamo, List<DueItem> items, Function<DueItem, DeleteItemRequest> request) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (DueItem item : items) {
            outcomes.add(CompletableFuture.supplyAsync(() -> deleteOne(dynamo, request.apply(item)), POOL));
        }
        int deleted = 0;
        int gone = 0;
        List<DueItem> failed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            switch (outcomes.get(i).join()) {
                case DELETED -> deleted++;
                case GONE -> gone++;
                default -> failed.add(items.get(i));
            }
        }
        return new DueItems.Deletion(deleted, gone, failed);
    }

    private static Outcome deleteOne(DynamoDbClient dynamo, DeleteItemRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.deleteItem(request);
                return Outcome.DELETED;
            } catch (ConditionalCheckFailedException notDue) {
                return Outcome.GONE;
            } catch (SdkException e) {
                if (attempt == ATTEMPTS) {
                    LOG.warnf("purge: a delete failed %d times (%s); the next run tries again", ATTEMPTS,
                            e.getClass().getSimpleName());
                    return Outcome.FAILED;
                }
                sleep(100L << attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
