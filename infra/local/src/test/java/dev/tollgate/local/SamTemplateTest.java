package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.tollgate.adapters.dynamodb.DynamoAuditTrail;
import dev.tollgate.adapters.dynamodb.DynamoDedupMarkers;
import dev.tollgate.adapters.dynamodb.DynamoLicenseStore;
import dev.tollgate.adapters.dynamodb.DynamoLeaseKeyStore;
import dev.tollgate.adapters.dynamodb.DynamoPurgeReports;
import dev.tollgate.adapters.dynamodb.DynamoReleaseCatalog;
import dev.tollgate.adapters.dynamodb.DynamoStartupTrail;
import dev.tollgate.adapters.dynamodb.DynamoTenantStore;
import dev.tollgate.adapters.dynamodb.DynamoUsageLedger;
import dev.tollgate.embedded.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Checks sam-template.yaml without AWS: against AWS's SAM JSON schema, and against the code that
 * relies on it (table shape, least-privilege policy, handler and artefact path).
 */
class SamTemplateTest {

    private static final String TEMPLATE = "sam-template.yaml";

    private static Path repoRoot;
    private static JsonNode template;

    @BeforeAll
    static void readTemplate() throws IOException {
        repoRoot = findRepoRoot();
        template = new YAMLMapper().readTree(repoRoot.resolve(TEMPLATE).toFile());
    }

    private static Path findRepoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + TEMPLATE + " above " + Path.of("").toAbsolutePath());
    }

    private static JsonNode resource(String logicalId) {
        JsonNode r = template.path("Resources").path(logicalId);
        assertFalse(r.isMissingNode(), "resource " + logicalId + " is missing from the template");
        return r;
    }

    /**
     * The schema (draft-04, from aws/serverless-application-model) has additionalProperties=false
     * on every AWS::Serverless::* resource and its Properties, so a misspelt property such as
     * {@code Runtimez} under LicenseValidationFunction's Properties is reported (verified by
     * breaking the template by hand). It does not look inside plain CloudFormation resources
     * (AWS::KMS::Key, AWS::DynamoDB::Table): those only need a Type, hence the tests below.
     * Resources are an anyOf over every SAM resource type, so a failure lists one error per
     * branch tried; look for the line that names the misspelt property.
     *
     * <p>json-schema-validator 3.x is built on Jackson 3 (tools.jackson), while the template is
     * read with Jackson 2 here, so the template is handed over as JSON text.
     */
    @Test
    void templateIsValidAgainstAwsSamSchema() throws IOException {
        Path schemaFile = repoRoot.resolve("../shared/schemas/sam.schema.json").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(schemaFile),
                "AWS SAM schema not found at " + schemaFile + "; skipping schema validation");

        // The schema declares "$schema": draft-04. AWS's generator adds two annotation-only keywords
        // the validator does not know (it warns about each); declare them so they are ignored quietly.
        Dialect samDraft4 = Dialect.builder(Dialects.getDraft4())
                .keyword(new NonValidationKeyword("markdownDescription"))
                .keyword(new NonValidationKeyword("__samPassThrough"))
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(samDraft4);
        Schema schema = registry.getSchema(Files.readString(schemaFile), InputFormat.JSON);

        List<Error> errors = schema.validate(new ObjectMapper().writeValueAsString(template), InputFormat.JSON);

        if (!errors.isEmpty()) {
            fail(TEMPLATE + " does not match the AWS SAM schema:\n"
                    + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void validationFunctionMayOnlyReadItsTableUseItsKeysAndQueueStartups() {
        assertEquals(Set.of(
                "dynamodb:GetItem->LicensesTable",
                "dynamodb:GetItem->LeaseKeysTable",
                "dynamodb:Query->LeaseKeysTable",
                "kms:Sign->LeaseSigningKey if KmsLeaseSigner",
                "kms:GetPublicKey->LeaseSigningKey if KmsLeaseSigner",
                "kms:Decrypt->DataKey",
                "kms:DescribeKey->DataKey",
                "sqs:SendMessage->StartupQueue"), inlineGrantsOf("LicenseValidationFunction", 3));
        assertEquals("kms", template.path("Conditions").path("KmsLeaseSigner").path("Fn::Equals").get(1).asText());
        assertEquals("memory", template.path("Parameters").path("LeaseSigner").path("Default").asText(),
                "leases are signed in memory unless the vendor chooses KMS Sign");

        JsonNode env = resource("LicenseValidationFunction").path("Properties").path("Environment").path("Variables");
        assertEquals("StartupQueue", env.path("TOLLGATE_STARTUP_LOG_QUEUE_URL").path("Ref").asText());
        assertEquals("LeaseSigningKey", logicalIdOf(env.path("TOLLGATE_KMS_LEASE_SIGNING_KEY_ID")));
        assertEquals("LeaseSigner", env.path("TOLLGATE_LEASE_SIGNER").path("Ref").asText());
        assertEquals("LeaseKeysTable", env.path("TOLLGATE_TABLES_LEASE_KEYS").path("Ref").asText());
        assertEquals("DataKey", logicalIdOf(env.path("TOLLGATE_KMS_DATA_KEY_ID")));
    }

    @Test
    void startupLogFunctionMayOnlyConsumeItsQueueAndWriteItsTable() {
        JsonNode function = resource("StartupLogFunction").path("Properties");
        assertEquals("StartupLogFunctionRole", logicalIdOf(function.path("Role")),
                "an explicit role, so SAM attaches no queue-wide managed policy");
        assertTrue(function.path("Policies").isMissingNode(), "Policies beside Role would be ignored or widen it");

        JsonNode role = resource("StartupLogFunctionRole").path("Properties");
        assertEquals(List.of(
                        "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                        "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"),
                role.path("ManagedPolicyArns").findValuesAsText("Fn::Sub"));
        assertEquals(1, role.path("Policies").size());
        JsonNode document = role.path("Policies").get(0).path("PolicyDocument");
        assertEquals(Set.of(
                "sqs:ReceiveMessage->StartupQueue",
                "sqs:DeleteMessage->StartupQueue",
                "sqs:GetQueueAttributes->StartupQueue",
                "sqs:ChangeMessageVisibility->StartupQueue",
                "dynamodb:BatchWriteItem->StartupLogTable",
                "dynamodb:UpdateItem->StartupLogTable",
                "kms:Decrypt->DataKey",
                "kms:DescribeKey->DataKey"), grantsOf(document));
        assertDecryptIsAlwaysBound(document, 1);
        // Its only update is the unknown-key tally's: never a licence's entries.
        for (JsonNode statement : document.path("Statement")) {
            if (strings(statement.path("Action")).contains("dynamodb:UpdateItem")) {
                assertEquals("[\"unknown-keys#*\"]", statement.path("Condition").path("ForAllValues:StringLike")
                        .path("dynamodb:LeadingKeys").toString());
            }
        }
        assertEquals("StartupLogTable",
                function.path("Environment").path("Variables").path("TOLLGATE_TABLES_STARTUP_LOG").path("Ref").asText());
    }

    @Test
    void updateUrlFunctionMayOnlyReadLicencesAndTheCatalogAndSignGetsUnderArtifacts() {
        assertEquals(Set.of(
                "dynamodb:GetItem->LicensesTable",
                "dynamodb:GetItem->ReleasesTable",
                "dynamodb:Query->ReleasesTable",
                "s3:GetObject->${ArtifactsBucket.Arn}/artifacts/*",
                "kms:Decrypt->DataKey",
                "kms:DescribeKey->DataKey"), inlineGrantsOf("UpdateUrlFunction", 2));
        JsonNode env = resource("UpdateUrlFunction").path("Properties").path("Environment").path("Variables");
        assertEquals("artifacts/", env.path("TOLLGATE_ARTIFACTS_PREFIX").asText(),
                "the code signs only under the prefix the policy allows");
        assertEquals("ArtifactsBucket", env.path("TOLLGATE_ARTIFACTS_BUCKET").path("Ref").asText());
    }

    @Test
    void adminRoutesSitBehindTheJwtAuthorizerAndTheFunctionMayOnlyDoWhatTheAdminUseCasesDo() {
        JsonNode authorizer = resource("HttpApi").path("Properties").path("Auth").path("Authorizers").path("StaffJwt");
        assertEquals("$request.header.Authorization", authorizer.path("IdentitySource").asText());
        assertEquals("AdminJwtIssuer", authorizer.path("JwtConfiguration").path("issuer").path("Ref").asText());
        assertEquals("AdminJwtAudience", authorizer.path("JwtConfiguration").path("audience").get(0).path("Ref").asText());

        JsonNode function = resource("AdminFunction").path("Properties");
        function.path("Events").forEach(event -> {
            assertTrue(event.path("Properties").path("Path").asText().startsWith("/v1/admin/"));
            assertEquals("StaffJwt", event.path("Properties").path("Auth").path("Authorizer").asText(),
                    "every admin route carries the JWT authorizer");
        });
        JsonNode env = function.path("Environment").path("Variables");
        assertEquals("AdminJwtIssuer", env.path("MP_JWT_VERIFY_ISSUER").path("Ref").asText(),
                "the function checks the same issuer as the authorizer, never the local dev issuer");
        assertEquals("AdminJwksUrl", env.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").path("Ref").asText());
        assertEquals("DataKey", logicalIdOf(env.path("TOLLGATE_KMS_DATA_KEY_ID")));
        assertEquals("LeaseKeysTable", env.path("TOLLGATE_TABLES_LEASE_KEYS").path("Ref").asText());
        assertEquals(Set.of(
                "dynamodb:Query->StartupLogTable", "dynamodb:UpdateItem->StartupLogTable", "dynamodb:DeleteItem->StartupLogTable",
                "dynamodb:GetItem->LicensesTable", "dynamodb:PutItem->LicensesTable", "dynamodb:UpdateItem->LicensesTable",
                "dynamodb:DeleteItem->LicensesTable",
                "dynamodb:Query->${LicensesTable.Arn}/index/byTenant",
                "dynamodb:GetItem->TenantsTable", "dynamodb:PutItem->TenantsTable", "dynamodb:UpdateItem->TenantsTable",
                "dynamodb:DeleteItem->TenantsTable", "dynamodb:Query->TenantsTable", "dynamodb:Scan->TenantsTable",
                "dynamodb:PutItem->AdminAuditTable", "dynamodb:Query->AdminAuditTable",
                "dynamodb:Query->UsageTable", "dynamodb:UpdateItem->UsageTable", "dynamodb:DeleteItem->UsageTable",
                "dynamodb:PutItem->PurgeReportsTable", "dynamodb:Query->${PurgeReportsTable.Arn}/index/byTenant",
                "dynamodb:GetItem->ReleasesTable", "dynamodb:PutItem->ReleasesTable", "dynamodb:UpdateItem->ReleasesTable",
                "dynamodb:Query->ReleasesTable",
                "dynamodb:Query->LeaseKeysTable", "dynamodb:PutItem->LeaseKeysTable", "kms:Encrypt->DataKey",
                "s3:PutObject->${ArtifactsBucket.Arn}/uploads/*", "s3:GetObject->${ArtifactsBucket.Arn}/uploads/*",
                "s3:DeleteObject->${ArtifactsBucket.Arn}/uploads/*", "s3:PutObject->${ArtifactsBucket.Arn}/artifacts/*",
                "kms:Decrypt->DataKey", "kms:GenerateDataKey->DataKey",
                "kms:DescribeKey->DataKey"), inlineGrantsOf("AdminFunction", 2));
        // Only the admin function may touch the tenants (credentials), audit and usage tables.
        for (String table : List.of("TenantsTable", "AdminAuditTable")) {
            for (String other : List.of("LicenseValidationFunction", "UpdateUrlFunction")) {
                assertFalse(resource(other).path("Properties").path("Policies").toString().contains(table), other + " " + table);
            }
        }
        // No other function serves an admin path.
        template.path("Resources").fields().forEachRemaining(r -> {
            if (!r.getKey().equals("AdminFunction")) {
                r.getValue().path("Properties").path("Events").forEach(e ->
                        assertFalse(e.path("Properties").path("Path").asText().startsWith("/v1/admin"), r.getKey()));
            }
        });
    }

    /**
     * The purge may query the retention indexes and the keys that lead to due records, delete one
     * item at a time in the tables it purges (never BatchWriteItem, which also writes), and keep its
     * reports; it runs daily on an EventBridge Scheduler schedule with retries and a dead-letter queue.
     */
    @Test
    void retentionPurgeFunctionMayOnlyQueryAndDeleteWhatItPurgesOnADailySchedule() {
        assertEquals(Set.of(
                "dynamodb:Query->${LicensesTable.Arn}/index/byRetentionStart",
                "dynamodb:Query->${StartupLogTable.Arn}/index/byRetentionStart",
                "dynamodb:Query->${TenantsTable.Arn}/index/byRetentionStart",
                "dynamodb:Query->${TenantsTable.Arn}/index/byLegalHold",
                "dynamodb:Query->${LicensesTable.Arn}/index/byTenant",
                "dynamodb:Query->TenantsTable", "dynamodb:Query->AdminAuditTable", "dynamodb:Query->PurgeReportsTable",
                "dynamodb:DeleteItem->LicensesTable", "dynamodb:DeleteItem->StartupLogTable",
                "dynamodb:DeleteItem->TenantsTable", "dynamodb:DeleteItem->AdminAuditTable",
                "dynamodb:DeleteItem->PurgeReportsTable",
                "dynamodb:GetItem->PurgeReportsTable", "dynamodb:PutItem->PurgeReportsTable",
                "kms:Decrypt->DataKey", "kms:DescribeKey->DataKey"), inlineGrantsOf("RetentionPurgeFunction", 1));

        JsonNode function = resource("RetentionPurgeFunction").path("Properties");
        JsonNode env = function.path("Environment").path("Variables");
        assertEquals(Map.of("TOLLGATE_TABLES_LICENSES", "LicensesTable", "TOLLGATE_TABLES_STARTUP_LOG", "StartupLogTable",
                        "TOLLGATE_TABLES_TENANTS", "TenantsTable", "TOLLGATE_TABLES_AUDIT", "AdminAuditTable",
                        "TOLLGATE_TABLES_PURGE_REPORTS", "PurgeReportsTable"),
                new TreeMap<>(Map.of(
                        "TOLLGATE_TABLES_LICENSES", env.path("TOLLGATE_TABLES_LICENSES").path("Ref").asText(),
                        "TOLLGATE_TABLES_STARTUP_LOG", env.path("TOLLGATE_TABLES_STARTUP_LOG").path("Ref").asText(),
                        "TOLLGATE_TABLES_TENANTS", env.path("TOLLGATE_TABLES_TENANTS").path("Ref").asText(),
                        "TOLLGATE_TABLES_AUDIT", env.path("TOLLGATE_TABLES_AUDIT").path("Ref").asText(),
                        "TOLLGATE_TABLES_PURGE_REPORTS", env.path("TOLLGATE_TABLES_PURGE_REPORTS").path("Ref").asText())));
        assertEquals(5, env.size(), "only the tables it purges and its reports: " + env);

        JsonNode events = function.path("Events");
        assertEquals(1, events.size());
        JsonNode schedule = events.elements().next();
        assertEquals("ScheduleV2", schedule.path("Type").asText());
        assertTrue(schedule.path("Properties").path("ScheduleExpression").asText().startsWith("cron("));
        assertEquals("UTC", schedule.path("Properties").path("ScheduleExpressionTimezone").asText());
        assertTrue(schedule.path("Properties").path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0);
        assertEquals("PurgeScheduleDeadLetterQueue",
                logicalIdOf(schedule.path("Properties").path("DeadLetterConfig").path("Arn")));
        assertTrue(schedule.path("Properties").path("Input").isMissingNode(),
                "the function takes the scheduled event as AWS delivers it");
        assertTrue(function.path("Timeout").asInt() > 60, "a run has minutes, and stops 30 s before the end");
    }

    /**
     * Staff seal integration credentials and never read them back; only the ticket function opens them,
     * and only under their encryption context.
     */
    @Test
    void onlyTicketSummaryFunctionMayDecryptIntegrationCredentials() {
        Set<String> mayOpen = new HashSet<>();
        template.path("Resources").fields().forEachRemaining(r -> r.getValue().path("Properties").path("Policies")
                .forEach(policy -> policy.path("Statement").forEach(statement -> {
                    boolean credentials = "integration-credential".equals(statement.path("Condition").path("StringEquals")
                            .path("kms:EncryptionContext:tollgate:purpose").asText());
                    if (credentials && strings(statement.path("Action")).contains("kms:Decrypt")) {
                        mayOpen.add(r.getKey());
                        assertEquals(List.of("kms:Decrypt"), strings(statement.path("Action")));
                        assertEquals("DataKey", logicalIdOf(statement.path("Resource")));
                    }
                })));
        assertEquals(Set.of("TicketSummaryFunction"), mayOpen);
    }

    @Test
    void ticketSummaryFunctionMayOnlyReadItsRecordsCountUsageKeepMarkersAndOpenCredentials() {
        JsonNode function = resource("TicketSummaryFunction").path("Properties");
        assertEquals(29, function.path("Timeout").asInt(), "under API Gateway's 30 s; the code works to a 25 s deadline");
        assertEquals(Set.of(
                "dynamodb:GetItem->LicensesTable",
                "dynamodb:GetItem->TenantsTable",
                "dynamodb:UpdateItem->UsageTable",
                "dynamodb:PutItem->IdempotencyTable", "dynamodb:GetItem->IdempotencyTable",
                "dynamodb:UpdateItem->IdempotencyTable", "dynamodb:DeleteItem->IdempotencyTable",
                "kms:Decrypt->DataKey",
                "kms:DescribeKey->DataKey"), inlineGrantsOf("TicketSummaryFunction", 3));
        JsonNode env = function.path("Environment").path("Variables");
        assertEquals(Set.of("TOLLGATE_KMS_WRAPPED_DIGEST_SECRET", "TOLLGATE_KMS_DATA_KEY_ID", "TOLLGATE_TABLES_LICENSES",
                "TOLLGATE_TABLES_TENANTS", "TOLLGATE_TABLES_USAGE", "TOLLGATE_TABLES_IDEMPOTENCY"),
                new HashSet<>(iterableToList(env.fieldNames())), "exactly what its adapters check at start");
        assertEquals("IdempotencyTable", env.path("TOLLGATE_TABLES_IDEMPOTENCY").path("Ref").asText());
        List<String> routes = new ArrayList<>();
        function.path("Events").forEach(e -> routes.add(e.path("Properties").path("Method").asText() + " "
                + e.path("Properties").path("Path").asText()));
        assertEquals(Set.of("POST /v1/tickets/{ticketId}/summary", "POST /v1/tickets/{ticketId}/reply-suggestion",
                "POST /v1/tickets/{ticketId}/triage"), new HashSet<>(routes));
        function.path("Events").forEach(e -> assertTrue(e.path("Properties").path("Auth").isMissingNode(),
                "the licence key is the caller's credential, checked by the function"));
        assertTrue(resource("IdempotencyTable").path("Properties").path("PointInTimeRecoverySpecification").isMissingNode(),
                "no backup that would outlive the markers' day");
    }

    private static <T> List<T> iterableToList(java.util.Iterator<T> items) {
        List<T> out = new ArrayList<>();
        items.forEachRemaining(out::add);
        return out;
    }

    /** Server logs are kept 90 days (the privacy promise), in a group each function names, so no log group is unbounded. */
    @Test
    void everyFunctionLogsToAGroupKeptNinetyDaysAndTheApiLogsAccessWithoutPersonalData() {
        List<String> functions = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(r -> {
            if ("AWS::Serverless::Function".equals(r.getValue().path("Type").asText())) {
                functions.add(r.getKey());
            }
        });
        assertFalse(functions.isEmpty());
        for (String function : functions) {
            String group = logicalIdOf(resource(function).path("Properties").path("LoggingConfig").path("LogGroup"));
            assertEquals("AWS::Logs::LogGroup", resource(group).path("Type").asText(), function + " log group");
            assertEquals(90, resource(group).path("Properties").path("RetentionInDays").asInt(), function);
        }
        JsonNode access = resource("HttpApi").path("Properties").path("AccessLogSettings");
        String group = logicalIdOf(access.path("DestinationArn"));
        assertEquals(90, resource(group).path("Properties").path("RetentionInDays").asInt());
        String format = access.path("Format").asText();
        JsonNode fields = assertDoesNotThrow(() -> new ObjectMapper().readTree(format), "the access log format is JSON");
        assertTrue(fields.has("requestId") && fields.has("routeKey") && fields.has("status"), format);
        for (String personal : List.of("$context.path", "$context.identity", "querystring", "$context.requestBody",
                "$context.authorizer.claims", "$context.authorizer.jwt")) {
            assertFalse(format.toLowerCase(java.util.Locale.ROOT).contains(personal.toLowerCase(java.util.Locale.ROOT)),
                    "access logs must not carry " + personal);
        }
    }

    /** AWS's own linter (cfn-lint, installed beside moto_server) on the template, transform included, offline. */
    @Test
    void cfnLintFindsNothing() throws Exception {
        java.nio.file.Path cfnLint = ExternalTool.require("cfn-lint", "pip install cfn-lint");
        Process lint = new ProcessBuilder(cfnLint.toString(), TEMPLATE).directory(repoRoot.toFile())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "cfn-lint did not finish");
        assertEquals(0, lint.exitValue(), "cfn-lint " + TEMPLATE + ":\n" + output);
    }

    @Test
    void artifactsBucketIsPrivateEncryptedVersionedAndTlsOnly() {
        JsonNode bucket = resource("ArtifactsBucket").path("Properties");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(block.path(setting).asBoolean(), setting);
        }
        JsonNode sse = bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault");
        assertEquals("aws:kms", sse.path("SSEAlgorithm").asText());
        assertEquals("DataKey", logicalIdOf(sse.path("KMSMasterKeyID")));
        assertEquals("Enabled", bucket.path("VersioningConfiguration").path("Status").asText());
        JsonNode uploads = bucket.path("LifecycleConfiguration").path("Rules").get(0);
        assertEquals("uploads/", uploads.path("Prefix").asText(), "unpublished uploads expire");
        assertEquals(1, uploads.path("ExpirationInDays").asInt());
        JsonNode deny = resource("ArtifactsBucketPolicy").path("Properties").path("PolicyDocument").path("Statement").get(0);
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("false", deny.path("Condition").path("Bool").path("aws:SecureTransport").asText());
    }

    /**
     * Every API function's Timeout leaves room for a DynamoDB call that uses its whole budget
     * (tollgate.store.call-timeout) and for the 503 after it, twice over, and stays under API
     * Gateway's 30 s: an outage is answered with Retry-After, never by Lambda ending the call.
     */
    @Test
    void apiFunctionTimeoutsFitTheStoreBudgetAndApiGatewaysThirtySeconds() {
        int global = template.path("Globals").path("Function").path("Timeout").asInt();
        Duration defaultBudget = Duration.parse(dev.tollgate.wiring.TollgateConfig.StoreConfig.CALL_TIMEOUT);
        int apiFunctions = 0;
        for (var entry : iterable(template.path("Resources").fields())) {
            JsonNode props = entry.getValue().path("Properties");
            boolean api = false;
            for (JsonNode event : iterable(props.path("Events").elements())) {
                api |= "HttpApi".equals(event.path("Type").asText());
            }
            if (!api) {
                continue;
            }
            apiFunctions++;
            int timeout = props.path("Timeout").asInt(global);
            JsonNode budget = props.path("Environment").path("Variables").path("TOLLGATE_STORE_CALL_TIMEOUT");
            Duration call = budget.isMissingNode() ? defaultBudget : Duration.parse(budget.asText());
            assertTrue(timeout <= 29, entry.getKey() + ": Timeout " + timeout + " s is not under API Gateway's 30 s");
            assertTrue(Duration.ofSeconds(timeout).compareTo(call.multipliedBy(2)) > 0,
                    entry.getKey() + ": Timeout " + timeout + " s leaves no room for a " + call + " store call and its 503");
        }
        assertTrue(apiFunctions >= 4, "validation, update-url, admin and tickets are API functions");
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    @Test
    void startupQueueReportsPartialFailuresAndDeadLettersAfterAFewReceives() {
        JsonNode event = resource("StartupLogFunction").path("Properties").path("Events").path("Startups");
        assertEquals("SQS", event.path("Type").asText());
        JsonNode props = event.path("Properties");
        assertEquals("StartupQueue", logicalIdOf(props.path("Queue")));
        assertEquals(List.of("ReportBatchItemFailures"), strings(props.path("FunctionResponseTypes")));
        assertTrue(props.path("BatchSize").asInt() >= 1 && props.path("BatchSize").asInt() <= 10);

        JsonNode queue = resource("StartupQueue").path("Properties");
        JsonNode redrive = queue.path("RedrivePolicy");
        assertEquals("StartupDeadLetterQueue", logicalIdOf(redrive.path("deadLetterTargetArn")));
        int receives = redrive.path("maxReceiveCount").asInt();
        assertTrue(receives >= 2 && receives <= 10, "redrive after a few receives, got " + receives);
        int timeout = template.path("Globals").path("Function").path("Timeout").asInt();
        assertTrue(queue.path("VisibilityTimeout").asInt() >= 6 * timeout,
                "a message must stay invisible while a batch with retries is still being handled");
        assertTrue(queue.path("SqsManagedSseEnabled").asBoolean());
        assertTrue(resource("StartupDeadLetterQueue").path("Properties").path("MessageRetentionPeriod").asInt()
                <= 90 * 24 * 3600, "nothing waits in the dead-letter queue longer than the trail keeps it");
    }

    /**
     * A function's single inline policy document, as action->resource pairs, after checking that
     * each of its {@code decryptStatements} kms:Decrypt statements is bound by a condition.
     */
    private static Set<String> inlineGrantsOf(String function, int decryptStatements) {
        JsonNode policies = resource(function).path("Properties").path("Policies");
        assertTrue(policies.isArray() && policies.size() == 1, function + ": expected one inline policy, got " + policies);
        assertDecryptIsAlwaysBound(policies.get(0), decryptStatements);
        return grantsOf(policies.get(0));
    }

    /** Every action->resource pair the document allows; wildcards fail the test. */
    private static Set<String> grantsOf(JsonNode policyDocument) {
        Set<String> grants = new HashSet<>();
        for (JsonNode listed : policyDocument.path("Statement")) {
            // A statement granted only under a template condition: {Fn::If: [condition, statement, AWS::NoValue]}.
            JsonNode conditional = listed.path("Fn::If");
            String onlyIf = conditional.isArray() ? " if " + conditional.get(0).asText() : "";
            JsonNode statement = conditional.isArray() ? conditional.get(1) : listed;
            if (conditional.isArray()) {
                assertEquals("AWS::NoValue", conditional.get(2).path("Ref").asText(), "a conditional grant has no else");
            }
            assertEquals("Allow", statement.path("Effect").asText(), "unexpected statement " + statement);
            JsonNode resourceNode = statement.path("Resource");
            for (String action : strings(statement.path("Action"))) {
                assertFalse(action.contains("*"), "wildcard action " + action);
                for (JsonNode r : resourceNode.isArray() ? resourceNode : List.of(resourceNode)) {
                    grants.add(action + "->" + logicalIdOf(r) + onlyIf);
                }
            }
        }
        return grants;
    }

    /**
     * Decrypt on the data key is never open-ended: either the digest secret's encryption context,
     * or DynamoDB / S3 using the key on the function's behalf.
     */
    private static void assertDecryptIsAlwaysBound(JsonNode policyDocument, int expectedStatements) {
        List<JsonNode> decryptStatements = new ArrayList<>();
        policyDocument.path("Statement").forEach(st -> {
            if (strings(st.path("Action")).contains("kms:Decrypt")) {
                decryptStatements.add(st);
            }
        });
        assertEquals(expectedStatements, decryptStatements.size());
        for (JsonNode statement : decryptStatements) {
            JsonNode condition = statement.path("Condition").path("StringEquals");
            // The digest secret, or a credential's data key (whose context also names the tenant).
            boolean digestSecret = Set.of("license-key-digest", "integration-credential", "lease-signing").contains(
                    condition.path("kms:EncryptionContext:tollgate:purpose").asText());
            JsonNode via = condition.path("kms:ViaService");
            List<String> services = new ArrayList<>();
            (via.isArray() ? via : List.of(via)).forEach(v -> services.add(v.path("Fn::Sub").asText()));
            boolean viaDataServices = !services.isEmpty() && Set.of("dynamodb.${AWS::Region}.amazonaws.com",
                    "s3.${AWS::Region}.amazonaws.com").containsAll(services);
            assertTrue(digestSecret || viaDataServices, "kms:Decrypt without a binding condition: " + statement);
        }
    }

    @Test
    void tablesMatchTheCodeThatUsesThem() {
        assertTableMatches("LicensesTable", DynamoLicenseStore.tableDefinition("x"), DynamoLicenseStore.TTL);
        assertTableMatches("StartupLogTable", DynamoStartupTrail.tableDefinition("x"), DynamoStartupTrail.TTL);
        assertTableMatches("ReleasesTable", DynamoReleaseCatalog.tableDefinition("x"), null);
        assertTableMatches("TenantsTable", DynamoTenantStore.tableDefinition("x"), null);
        assertTableMatches("AdminAuditTable", DynamoAuditTrail.tableDefinition("x"), DynamoAuditTrail.TTL);
        assertTableMatches("UsageTable", DynamoUsageLedger.tableDefinition("x"), null);
        assertTableMatches("IdempotencyTable", DynamoDedupMarkers.tableDefinition("x"), DynamoDedupMarkers.TTL);
        assertTableMatches("PurgeReportsTable", DynamoPurgeReports.tableDefinition("x"), DynamoPurgeReports.TTL);
        assertTableMatches("LeaseKeysTable", DynamoLeaseKeyStore.tableDefinition("x"), null);
        assertTrue(resource("TenantsTable").path("Properties").path("PointInTimeRecoverySpecification").isMissingNode(),
                "no backup that would bring back credentials deleted when a subscription ended");
        assertTrue(resource("LicensesTable").path("Properties").path("PointInTimeRecoverySpecification")
                .path("PointInTimeRecoveryEnabled").asBoolean(), "licences are recoverable");
        assertTrue(resource("StartupLogTable").path("Properties").path("PointInTimeRecoverySpecification").isMissingNode(),
                "no backups that would outlive the trail's 90 days");
    }

    private static void assertTableMatches(String logicalId, CreateTableRequest code, String ttlAttribute) {
        JsonNode props = resource(logicalId).path("Properties");

        Map<String, String> templateKeys = new TreeMap<>();
        props.path("KeySchema").forEach(k -> templateKeys.put(k.path("AttributeName").asText(), k.path("KeyType").asText()));
        Map<String, String> codeKeys = new TreeMap<>();
        code.keySchema().forEach(k -> codeKeys.put(k.attributeName(), k.keyTypeAsString()));
        assertEquals(codeKeys, templateKeys, logicalId + " KeySchema");

        Map<String, String> templateAttributes = new TreeMap<>();
        props.path("AttributeDefinitions").forEach(a -> templateAttributes.put(a.path("AttributeName").asText(), a.path("AttributeType").asText()));
        Map<String, String> codeAttributes = new TreeMap<>();
        code.attributeDefinitions().forEach(a -> codeAttributes.put(a.attributeName(), a.attributeTypeAsString()));
        assertEquals(codeAttributes, templateAttributes, logicalId + " AttributeDefinitions");

        assertEquals(code.billingModeAsString(), props.path("BillingMode").asText(), logicalId + " BillingMode");

        Map<String, String> templateIndexes = new TreeMap<>();
        props.path("GlobalSecondaryIndexes").forEach(i -> {
            StringBuilder keys = new StringBuilder();
            i.path("KeySchema").forEach(k -> keys.append(k.path("AttributeName").asText()).append(':')
                    .append(k.path("KeyType").asText()).append(' '));
            templateIndexes.put(i.path("IndexName").asText(), keys + i.path("Projection").path("ProjectionType").asText());
        });
        Map<String, String> codeIndexes = new TreeMap<>();
        code.globalSecondaryIndexes().forEach(i -> codeIndexes.put(i.indexName(), i.keySchema().stream()
                .map(k -> k.attributeName() + ":" + k.keyTypeAsString() + " ").reduce("", String::concat)
                + i.projection().projectionTypeAsString()));
        assertEquals(codeIndexes, templateIndexes, logicalId + " GlobalSecondaryIndexes");

        JsonNode ttl = props.path("TimeToLiveSpecification");
        if (ttlAttribute == null) {
            assertTrue(ttl.isMissingNode(), logicalId + " items do not expire");
        } else {
            assertEquals(ttlAttribute, ttl.path("AttributeName").asText(), logicalId + " TTL attribute");
            assertTrue(ttl.path("Enabled").asBoolean(), logicalId + " TTL must be enabled");
        }

        JsonNode sse = props.path("SSESpecification");
        assertTrue(sse.path("SSEEnabled").asBoolean(), logicalId + " SSE must be enabled");
        assertEquals("KMS", sse.path("SSEType").asText());
        assertEquals("DataKey", sse.path("KMSMasterKeyId").path("Ref").asText(),
                logicalId + " must be encrypted with Ref: DataKey, got " + sse.path("KMSMasterKeyId"));
    }

    @Test
    void functionCodeUrisPointAtTheBuiltZips() {
        String quarkus = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
        for (String[] function : new String[][] {
                // Quarkus's handler with the cold start's classes preloaded (ClassPreloader).
                {"LicenseValidationFunction", "functions/license-validation",
                        "dev.tollgate.function.validation.ValidationStreamHandler::handleRequest"},
                {"StartupLogFunction", "functions/startup-log", quarkus},
                {"UpdateUrlFunction", "functions/update-url", quarkus},
                {"AdminFunction", "functions/admin", quarkus},
                {"TicketSummaryFunction", "functions/ticket-summary", quarkus},
                {"RetentionPurgeFunction", "functions/retention-purge", quarkus}}) {
            JsonNode props = resource(function[0]).path("Properties");
            assertEquals(function[1] + "/target/function.zip", props.path("CodeUri").asText());
            assertTrue(Files.isDirectory(repoRoot.resolve(function[1])), "CodeUri's module does not exist");
            assertEquals(function[2], props.path("Handler").asText(), function[0]);
            if (function[2].startsWith("dev.tollgate.")) {
                String source = "src/main/java/" + function[2].substring(0, function[2].indexOf("::")).replace('.', '/') + ".java";
                assertTrue(Files.isRegularFile(repoRoot.resolve(function[1]).resolve(source)),
                        function[0] + "'s Handler class is in its module: " + source);
            }
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
        return out;
    }

    /** The logical id behind {@code Fn::GetAtt: [X, Arn]} or {@code Ref: X}; anything else as text. */
    private static String logicalIdOf(JsonNode resource) {
        JsonNode getAtt = resource.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.size() == 2 && "Arn".equals(getAtt.get(1).asText())) {
            return getAtt.get(0).asText();
        }
        if (getAtt.isTextual() && getAtt.asText().endsWith(".Arn")) {
            return getAtt.asText().substring(0, getAtt.asText().length() - ".Arn".length());
        }
        if (resource.has("Ref")) {
            return resource.get("Ref").asText();
        }
        if (resource.path("Fn::Sub").isTextual()) {
            return resource.get("Fn::Sub").asText();
        }
        return resource.toString();
    }
}
