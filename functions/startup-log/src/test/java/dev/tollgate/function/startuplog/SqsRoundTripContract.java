package dev.tollgate.function.startuplog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapters.sqs.SqsStartupEvents;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.startup.StartupEvent;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole pipeline over a real SQS protocol: the validation side's adapter sends, the queue is
 * read as Lambda's event source mapping would, each batch goes to the function in AWS's event
 * shape, and only the messages it does not report failed are deleted.
 */
abstract class SqsRoundTripContract {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DynamoDbClient dynamo;

    /** The SQS endpoint under test, with its region and credentials. */
    abstract URI endpoint();

    abstract String region();

    abstract String accessKey();

    abstract String secretKey();

    @Test
    void startupsSentByValidationAreStoredOnceAndOnlyPoisonStaysQueued() throws Exception {
        try (SqsClient sqs = client()) {
            String queueUrl = sqs.createQueue(r -> r.queueName("startups-" + UUID.randomUUID())).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            KeyDigest digest = StartupLogHandlerIntegrationTest.freshDigest();

            List<StartupEvent> events = new ArrayList<>();
            try (SqsStartupEvents publisher = new SqsStartupEvents(sqs, queueUrl, 2, 100)) {
                List<CompletableFuture<Void>> sends = new ArrayList<>();
                for (int i = 0; i < 23; i++) {
                    StartupEvent event = StartupLogHandlerIntegrationTest.event(digest, VerdictCode.values()[i % 6]);
                    events.add(event);
                    sends.add(publisher.publish(event));
                }
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                assertEquals(23, publisher.sent());
                assertEquals(0, publisher.failed());
            }
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"v\":1,\"note\":\"not a startup\"}"));

            int handled = 0;
            Set<String> failed = new HashSet<>();
            for (int round = 0; round < 20 && handled < 24; round++) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).visibilityTimeout(60)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (batch.isEmpty()) {
                    continue;
                }
                JsonNode response = StartupLogHandlerIntegrationTest.handle(sqsEvent(batch, queueArn).toString());
                Set<String> failedHere = new HashSet<>();
                response.path("batchItemFailures").forEach(f -> failedHere.add(f.path("itemIdentifier").asText()));
                for (Message message : batch) {
                    if (!failedHere.contains(message.messageId())) {
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
                failed.addAll(failedHere);
                handled += batch.size();
            }

            assertEquals(24, handled);
            assertEquals(1, failed.size(), "only the poison message is reported");
            // Unknown keys are tallied per hour, not kept per key: every other verdict has its entry.
            List<StartupEvent> kept = events.stream().filter(e -> e.verdict() != VerdictCode.NOT_FOUND).toList();
            assertEquals(kept.size(), StartupLogItems.of(dynamo, digest).size());
            assertTrue(StartupLogItems.of(dynamo, digest).stream()
                    .allMatch(item -> kept.stream().anyMatch(e -> item.get("entry").s().endsWith(e.id()))));
        }
    }

    /** Messages as Lambda's SQS event source delivers them (AWS's published event shape). */
    private ObjectNode sqsEvent(List<Message> batch, String queueArn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject()
                    .put("messageId", message.messageId())
                    .put("receiptHandle", message.receiptHandle())
                    .put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody())
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", queueArn)
                    .put("awsRegion", region());
        }
        return event;
    }

    private SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
