package dev.tollgate.function.startuplog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tollgate.startup.RecordStartups;
import io.quarkus.runtime.Startup;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;

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

    private final RecordStartups recordStartups;

    public StartupLogHandler(RecordStartups recordStartups) {
        this.recordStartups = recordStartups;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<RecordStartups.QueuedMessage> messages = records.stream()
                .map(m -> new RecordStartups.QueuedMessage(m.getMessageId(), m.getBody()))
                .toList();
        List<SQSBatchResponse.BatchItemFailure> failures = recordStartups.record(messages).stream()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        return new SQSBatchResponse(failures);
    }
}
