package dev.tollgate.local;

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
import dev.tollgate.license.DynamoLicenseStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void validationFunctionMayOnlyReadItsTableAndUseItsKeys() {
        JsonNode policies = resource("LicenseValidationFunction").path("Properties").path("Policies");
        assertTrue(policies.isArray() && policies.size() == 1,
                "expected a single inline policy document, got " + policies);

        Set<String> grants = new HashSet<>();
        List<JsonNode> decryptStatements = new ArrayList<>();
        for (JsonNode statement : policies.get(0).path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText(), "unexpected statement " + statement);
            List<String> actions = strings(statement.path("Action"));
            List<String> resources = new ArrayList<>();
            JsonNode resourceNode = statement.path("Resource");
            for (JsonNode r : resourceNode.isArray() ? resourceNode : List.of(resourceNode)) {
                resources.add(logicalIdOf(r));
            }
            for (String action : actions) {
                assertFalse(action.contains("*"), "wildcard action " + action);
                for (String resource : resources) {
                    grants.add(action + "->" + resource);
                }
            }
            if (actions.contains("kms:Decrypt")) {
                decryptStatements.add(statement);
            }
        }

        assertEquals(Set.of(
                "dynamodb:GetItem->LicensesTable",
                "kms:Sign->LeaseSigningKey",
                "kms:GetPublicKey->LeaseSigningKey",
                "kms:Decrypt->DataKey",
                "kms:DescribeKey->DataKey"), grants);

        // Decrypt on the data key is never open-ended: either the digest secret's encryption context,
        // or DynamoDB using the table key on the function's behalf.
        assertEquals(2, decryptStatements.size());
        for (JsonNode statement : decryptStatements) {
            JsonNode condition = statement.path("Condition").path("StringEquals");
            boolean digestSecret = "license-key-digest".equals(
                    condition.path("kms:EncryptionContext:tollgate:purpose").asText());
            boolean viaDynamo = condition.path("kms:ViaService").path("Fn::Sub").asText()
                    .equals("dynamodb.${AWS::Region}.amazonaws.com");
            assertTrue(digestSecret || viaDynamo, "kms:Decrypt without a binding condition: " + statement);
        }
    }

    @Test
    void licensesTableMatchesTheCodeThatUsesIt() {
        JsonNode props = resource("LicensesTable").path("Properties");
        CreateTableRequest code = DynamoLicenseStore.tableDefinition("x");

        Map<String, String> templateKeys = new TreeMap<>();
        props.path("KeySchema").forEach(k -> templateKeys.put(k.path("AttributeName").asText(), k.path("KeyType").asText()));
        Map<String, String> codeKeys = new TreeMap<>();
        code.keySchema().forEach(k -> codeKeys.put(k.attributeName(), k.keyTypeAsString()));
        assertEquals(codeKeys, templateKeys, "KeySchema");

        Map<String, String> templateAttributes = new TreeMap<>();
        props.path("AttributeDefinitions").forEach(a -> templateAttributes.put(a.path("AttributeName").asText(), a.path("AttributeType").asText()));
        Map<String, String> codeAttributes = new TreeMap<>();
        code.attributeDefinitions().forEach(a -> codeAttributes.put(a.attributeName(), a.attributeTypeAsString()));
        assertEquals(codeAttributes, templateAttributes, "AttributeDefinitions");

        assertEquals(code.billingModeAsString(), props.path("BillingMode").asText(), "BillingMode");

        JsonNode ttl = props.path("TimeToLiveSpecification");
        assertEquals(DynamoLicenseStore.TTL, ttl.path("AttributeName").asText(), "TTL attribute");
        assertTrue(ttl.path("Enabled").asBoolean(), "TTL must be enabled");

        JsonNode sse = props.path("SSESpecification");
        assertTrue(sse.path("SSEEnabled").asBoolean(), "SSE must be enabled");
        assertEquals("KMS", sse.path("SSEType").asText());
        assertEquals("DataKey", sse.path("KMSMasterKeyId").path("Ref").asText(),
                "the table must be encrypted with Ref: DataKey, got " + sse.path("KMSMasterKeyId"));
    }

    @Test
    void functionCodeUriPointsAtTheBuiltZip() {
        JsonNode props = resource("LicenseValidationFunction").path("Properties");
        assertEquals("functions/license-validation/target/function.zip", props.path("CodeUri").asText());
        assertTrue(Files.isDirectory(repoRoot.resolve("functions/license-validation")),
                "CodeUri's module does not exist");
        assertEquals("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
                props.path("Handler").asText());
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
        return resource.toString();
    }
}
