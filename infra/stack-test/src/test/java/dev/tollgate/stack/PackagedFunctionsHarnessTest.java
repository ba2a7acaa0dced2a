package dev.tollgate.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.embedded.ExternalTool;
import dev.tollgate.embedded.MotoServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The harness end to end: the template provisioned on moto, the README's operator step, the
 * packaged license-validation zip answering the JWKS and a validation through the template's
 * routes, the startup-log zip writing the startup validation queued on the real queue, and a
 * function that refuses to boot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedFunctionsHarnessTest {

    /** Generous: a cold Quarkus start on a shared two-core build machine. Only a guard against hangs. */
    static final Duration ANSWER = Duration.ofSeconds(120);

    private MotoServer moto;
    private MotoStack stack;
    private PackagedFunction validation;
    private HttpApi api;

    /** Deploys once, on the first test; checked before each so every test reports its own skip. */
    @BeforeEach
    void deploy() {
        ExternalTool.require("moto_server", "pip install \"moto[server]\"");
        if (stack != null) {
            return;
        }
        moto = MotoServer.start();
        stack = MotoStack.provision(moto.endpoint(), SamTemplate.repository(), Map.of());
        stack.overrideParameter("WrappedDigestSecret", Deployment.wrapDigestSecret(stack));
        // Signed by KMS, so the JWKS has its one key without a rotation (LeaseKeysStackTest covers memory).
        stack.overrideParameter("LeaseSigner", "kms");
        validation = stack.launch("LicenseValidationFunction");
        api = new HttpApi(stack.template()).with("LicenseValidationFunction", validation);
    }

    @AfterAll
    void tearDown() {
        if (validation != null) {
            validation.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void anAdminTrustingTheLocalDevIssuerRefusesToBoot() {
        stack.overrideParameter("AdminJwtIssuer", "tollgate-local-dev");
        stack.overrideParameter("AdminJwksUrl", "https://idp.stack-test.invalid/.well-known/jwks.json");

        try (PackagedFunction admin = stack.launch("AdminFunction")) {
            PackagedFunction.InitFailure failure = admin.awaitInitFailure(ANSWER);

            assertEquals(Optional.of("Runtime.BadFunctionCode"), failure.errorType(), failure.toString());
            assertTrue(admin.stdout().stream().anyMatch(l -> l.contains("MP_JWT_VERIFY_ISSUER names the local dev token issuer")), failure.toString());
        }
    }

    @Test
    void onlyResourcesWithNothingToEmulateAreSkipped() {
        Map<String, String> skipped = stack.skipped();
        assertEquals("AWS::IAM::Role", skipped.get("StartupLogFunctionRole"));
        assertEquals("AWS::CloudWatch::Alarm", skipped.get("StartupDeadLetterAlarm"));
        assertEquals("AWS::S3::BucketPolicy", skipped.get("ArtifactsBucketPolicy"));
        assertEquals("AWS::Serverless::HttpApi", skipped.get("HttpApi"));
        Set<String> emulated = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::KMS::Alias");
        assertTrue(skipped.values().stream().noneMatch(emulated::contains), skipped.toString());
        assertTrue(stack.ref("LicensesTable").startsWith("tollgate-LicensesTable-"), stack.ref("LicensesTable"));
    }

    @Test
    void jwksIsOneEcKey() {
        HttpApiResponse jwks = api.send(AwsEvents.httpApi("GET", "/.well-known/jwks.json"), ANSWER);

        assertEquals(200, jwks.statusCode(), jwks.body());
        JsonNode keys = jwks.json().path("keys");
        assertEquals(1, keys.size(), jwks.body());
        assertEquals("EC", keys.get(0).path("kty").asText(), jwks.body());
        assertEquals("P-256", keys.get(0).path("crv").asText(), jwks.body());
    }

    @Test
    void anUnknownKeyIsNotFoundAndItsStartupIsWrittenByTheStartupLogFunction() {
        HttpApiResponse verdict = api.send(AwsEvents.httpApi("POST", "/v1/licenses/validate")
                .jsonBody("{\"licenseKey\":\"ZDMCP-0000-0000-0000-0000-0000-0000-0005\",\"product\":\"zendesk-mcp\"}"), ANSWER);

        assertEquals(200, verdict.statusCode(), verdict.body());
        assertEquals("NOT_FOUND", verdict.json().path("verdict").asText(), verdict.body());

        try (PackagedFunction startupLog = stack.launch("StartupLogFunction")) {
            SqsEventSource startups = new SqsEventSource(stack, "StartupLogFunction", "Startups");
            SqsEventSource.Delivery delivery = startups.deliverOneBatch(startupLog, Duration.ofSeconds(60), ANSWER);

            assertEquals("{\"batchItemFailures\":[]}", delivery.response().replace(" ", ""));
            assertEquals(1, delivery.received().size(), delivery.event());
        }
        var items = stack.dynamoDb().scan(r -> r.tableName(stack.ref("StartupLogTable"))).items();
        assertEquals(1, items.size(), items.toString());
        assertEquals("NOT_FOUND", items.get(0).get("verdict").s(), items.toString());
    }
}
