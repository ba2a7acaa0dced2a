package dev.tollgate.function.startuplog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tollgate.logging.LogLine;
import dev.tollgate.startup.RecordStartups;
import io.quarkus.runtime.Startup;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

/**
 * The startup queue's consumer: one SQS batch in, the ids of the messages that were not recorded
 * out, so the event source mapping (ReportBatchItemFailures) returns only those to the queue.
 * The local runtime drives this same class from its in-process queue. Built when the function
 * starts ({@code @Startup}), so a missing table name fails the start, not the first batch.
 */
@Singleton
@Startup
@Named("startup-log")
public class StartupLogHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String ROUTE = "SQS startup-log";

    private final RecordStartups recordStartups;

    public StartupLogHandler(RecordStartups recordStartups) {
        this.recordStartups = recordStartups;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long start = System.nanoTime();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<RecordStartups.QueuedMessage> messages = records.stream()
                .map(m -> new RecordStartups.QueuedMessage(m.getMessageId(), m.getBody()))
                .toList();
        List<SQSBatchResponse.BatchItemFailure> failures = recordStartups.record(messages).stream()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        logBatch(context, messages.size(), failures.size(), start);
        return new SQSBatchResponse(failures);
    }

    /** The batch's one line, as HTTP functions log one per request: ids and counts, never a message body. */
    private static void logBatch(Context context, int messages, int failed, long start) {
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", context == null ? UUID.randomUUID().toString() : context.getAwsRequestId());
        fields.put("route", ROUTE);
        fields.put("status", failed == 0 ? "ok" : "partial");
        fields.put("messages", Integer.toString(messages));
        fields.put("failed", Integer.toString(failed));
        fields.put("durationMs", Long.toString(durationMs));
        LogLine.write(StartupLogHandler.class.getName(), Level.INFO,
                ROUTE + " " + messages + " messages, " + failed + " failed, " + durationMs + " ms", null, fields);
    }
}
