package dev.tollgate.function.validation;

import dev.tollgate.license.Licenses;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.keys.KeyVault;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.startup.SqsStartupEvents;
import dev.tollgate.startup.StartupEvent;
import dev.tollgate.startup.StartupEventCodec;
import dev.tollgate.startup.StartupEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The validation function wired as on AWS (publisher=sqs, its Quarkus SQS client) against
 * moto_server: each validation puts one message on the startup queue, and a broken queue never
 * touches the verdict. Skipped where moto_server is absent.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@QuarkusTestResource(value = MotoSqsTestResource.class, restrictToAnnotatedClass = true)
class StartupEventsToSqsIntegrationTest {

    @Inject
    Licenses licenses;
    @Inject
    KeyVault vault;
    @Inject
    StartupEvents startupEvents;

    @BeforeEach
    void needsMoto() {
        Assumptions.assumeTrue(System.getProperty(MotoSqsTestResource.QUEUE_URL_PROPERTY) != null,
                "moto_server is not on the PATH");
    }

    @Test
    void eachValidationQueuesOneStartupEventWithItsVerdict() {
        LicenseKey valid = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1));
        LicenseKey suspended = licenses.stored(LicenseStatus.SUSPENDED, LocalDate.now().plusYears(1));
        Instant before = Instant.now().minusSeconds(1);
        assertEquals("VALID", validate(valid));
        assertEquals("SUSPENDED", validate(suspended));

        try (SqsClient sqs = MotoSqsTestResource.client(System.getProperty(MotoSqsTestResource.ENDPOINT_PROPERTY))) {
            String queueUrl = System.getProperty(MotoSqsTestResource.QUEUE_URL_PROPERTY);
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(2)).messages();
            assertEquals(2, messages.size());
            Map<String, StartupEvent> byDigest = new java.util.HashMap<>();
            for (Message message : messages) {
                StartupEvent event = StartupEventCodec.decode(message.body());
                byDigest.put(event.digest().hex(), event);
                assertTrue(!event.at().isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
            }
            assertEquals(VerdictCode.VALID, byDigest.get(vault.digest(valid).hex()).verdict());
            assertEquals(VerdictCode.SUSPENDED, byDigest.get(vault.digest(suspended).hex()).verdict());
            assertTrue(messages.stream().noneMatch(m -> m.body().contains(valid.canonical())), "never the key");
        }
    }

    @Test
    void aQueueThatIsGoneIsCountedAndLoggedButTheVerdictStands() throws Exception {
        SqsStartupEvents publisher = (SqsStartupEvents) startupEvents;
        LicenseKey valid = licenses.stored(LicenseStatus.ACTIVE, LocalDate.now().plusYears(1));
        try (SqsClient sqs = MotoSqsTestResource.client(System.getProperty(MotoSqsTestResource.ENDPOINT_PROPERTY))) {
            String queueUrl = System.getProperty(MotoSqsTestResource.QUEUE_URL_PROPERTY);
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
            long failedBefore = publisher.failed();
            try {
                assertEquals("VALID", validate(valid));
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (publisher.failed() == failedBefore && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(failedBefore + 1, publisher.failed());
            } finally {
                sqs.createQueue(r -> r.queueName("tollgate-startups"));
            }
        }
    }

    private static String validate(LicenseKey key) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("licenseKey", key.display(), "product", "zendesk-mcp"))
                .post("/v1/licenses/validate").then().statusCode(200).extract().path("verdict");
    }
}
