package dev.tollgate.adapters.dynamodb;

import dev.tollgate.outcome.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The writes of one staff command, held on its thread until the audit entry joins them in one
 * TransactWriteItems: the change and its entry stand together or not at all. Outside a command (a
 * test, the purge) a write goes straight to its table. A condition that fails at commit throws the
 * same refusal the direct write would have thrown, and then nothing has changed.
 */
final class AuditedTransaction {

    private static final ThreadLocal<AuditedTransaction> OPEN = new ThreadLocal<>();

    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<Supplier<? extends RuntimeException>> conditionFailures = new ArrayList<>();

    static void put(DynamoDbClient dynamo, PutItemRequest put, Supplier<? extends RuntimeException> conditionFailed) {
        AuditedTransaction open = OPEN.get();
        if (open == null) {
            try {
                dynamo.putItem(put);
            } catch (ConditionalCheckFailedException e) {
                throw conditionFailed.get();
            }
            return;
        }
        Put.Builder item = Put.builder().tableName(put.tableName()).item(put.item())
                .conditionExpression(put.conditionExpression());
        if (put.hasExpressionAttributeNames()) {
            item.expressionAttributeNames(put.expressionAttributeNames());
        }
        if (put.hasExpressionAttributeValues()) {
            item.expressionAttributeValues(put.expressionAttributeValues());
        }
        open.enlist(TransactWriteItem.builder().put(item.build()).build(), conditionFailed);
    }

    static void delete(DynamoDbClient dynamo, DeleteItemRequest delete, Supplier<? extends RuntimeException> conditionFailed) {
        AuditedTransaction open = OPEN.get();
        if (open == null) {
            try {
                dynamo.deleteItem(delete);
            } catch (ConditionalCheckFailedException e) {
                throw conditionFailed.get();
            }
            return;
        }
        Delete.Builder item = Delete.builder().tableName(delete.tableName()).key(delete.key())
                .conditionExpression(delete.conditionExpression());
        if (delete.hasExpressionAttributeNames()) {
            item.expressionAttributeNames(delete.expressionAttributeNames());
        }
        if (delete.hasExpressionAttributeValues()) {
            item.expressionAttributeValues(delete.expressionAttributeValues());
        }
        open.enlist(TransactWriteItem.builder().delete(item.build()).build(), conditionFailed);
    }

    static void update(DynamoDbClient dynamo, UpdateItemRequest update, Supplier<? extends RuntimeException> conditionFailed) {
        AuditedTransaction open = OPEN.get();
        if (open == null) {
            try {
                dynamo.updateItem(update);
            } catch (ConditionalCheckFailedException e) {
                throw conditionFailed.get();
            }
            return;
        }
        Update.Builder item = Update.builder().tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression());
        if (update.hasExpressionAttributeNames()) {
            item.expressionAttributeNames(update.expressionAttributeNames());
        }
        if (update.hasExpressionAttributeValues()) {
            item.expressionAttributeValues(update.expressionAttributeValues());
        }
        open.enlist(TransactWriteItem.builder().update(item.build()).build(), conditionFailed);
    }

    /** Whether a staff command's writes are being held for its audit entry on this thread. */
    static boolean holding() {
        return OPEN.get() != null;
    }

    private void enlist(TransactWriteItem item, Supplier<? extends RuntimeException> conditionFailed) {
        items.add(item);
        conditionFailures.add(conditionFailed);
    }

    /**
     * Runs {@code work} with its writes held, then commits them with {@code last} (the audit entry's
     * put) as one transaction. If {@code work} throws, nothing was written.
     */
    static <T> T run(DynamoDbClient dynamo, Supplier<T> work, java.util.function.Function<T, Put> last) {
        if (OPEN.get() != null) {
            throw new IllegalStateException("one staff command at a time per thread");
        }
        AuditedTransaction tx = new AuditedTransaction();
        OPEN.set(tx);
        T result;
        try {
            result = work.get();
        } finally {
            OPEN.remove();
        }
        tx.enlist(TransactWriteItem.builder().put(last.apply(result)).build(),
                () -> new IllegalStateException("the audit entry was refused; nothing was changed"));
        tx.commit(dynamo);
        return result;
    }

    private void commit(DynamoDbClient dynamo) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            for (int i = 0; i < reasons.size() && i < items.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    throw conditionFailures.get(i).get();
                }
            }
            // TransactionConflict: another request wrote one of these items at the same moment.
            throw Refusal.concurrentChange("the record");
        }
    }
}
