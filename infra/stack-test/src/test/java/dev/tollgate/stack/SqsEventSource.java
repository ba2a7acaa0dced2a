package dev.tollgate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does for one batch, against the real queue on moto: receive
 * up to BatchSize messages, hand them to the function as an SQS event, and delete the ones it did
 * not report in {@code batchItemFailures} (ReportBatchItemFailures); the rest become visible again
 * after the queue's visibility timeout and count towards its redrive policy.
 */
final class SqsEventSource {

    /** One delivered batch: the event sent, the function's raw answer, and the messages deleted. */
    record Delivery(String event, String response, List<Message> received, Set<String> failedMessageIds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoStack stack;
    private final SamTemplate.Event source;
    private final String queueUrl;
    private final String queueArn;

    /** The function's SQS event named {@code eventName} in the template (its Queue is resolved on the stack). */
    SqsEventSource(MotoStack stack, String functionLogicalId, String eventName) {
        this.stack = stack;
        this.source = stack.template().function(functionLogicalId).events("SQS").stream()
                .filter(e -> e.name().equals(eventName)).findFirst()
                .orElseThrow(() -> new AssertionError(functionLogicalId + " has no SQS event " + eventName + " in the template"));
        this.queueArn = stack.resolve(source.properties().path("Queue"));
        this.queueUrl = stack.sqs().getQueueUrl(r -> r.queueName(queueArn.substring(queueArn.lastIndexOf(':') + 1))).queueUrl();
    }

    /**
     * Receives at least one message (long polling, for at most {@code wait}: only a guard against a
     * hang), delivers the batch to {@code function} and deletes what it processed.
     */
    Delivery deliverOneBatch(PackagedFunction function, Duration wait, Duration invokeTimeout) {
        int batchSize = source.properties().path("BatchSize").asInt(10);
        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        while (received.isEmpty() && Instant.now().isBefore(deadline)) {
            received.addAll(stack.sqs().receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(Math.min(batchSize, 10))
                    .waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages());
        }
        if (received.isEmpty()) {
            throw new AssertionError("no message arrived on " + queueArn + " within " + wait);
        }
        String event = AwsEvents.sqs(received, queueArn, MotoStack.REGION);
        String response = function.invoke(event, invokeTimeout);
        Set<String> failed = failedIds(response);
        for (Message m : received) {
            if (!failed.contains(m.messageId())) {
                stack.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return new Delivery(event, response, List.copyOf(received), failed);
    }

    String queueUrl() {
        return queueUrl;
    }

    private static Set<String> failedIds(String response) {
        try {
            Set<String> ids = new HashSet<>();
            JsonNode failures = JSON.readTree(response).path("batchItemFailures");
            failures.forEach(f -> ids.add(f.path("itemIdentifier").asText()));
            return ids;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("the function's answer is not JSON: " + response, e);
        }
    }
}
