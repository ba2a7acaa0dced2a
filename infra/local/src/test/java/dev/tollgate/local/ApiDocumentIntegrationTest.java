package dev.tollgate.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.local.hostile.HostileCorpus;
import dev.tollgate.local.hostile.RequestSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document is one a client generator can use: every request body has its schema
 * (never *}{@code /*} binary), every error answer is problem+json with its codes, and each request
 * schema accepts the README's examples and rejects the hostile corpus's bad bodies.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class ApiDocumentIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document() throws Exception {
        byte[] served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asByteArray();
        // Kept for a look at what a client generator would get.
        java.nio.file.Files.write(java.nio.file.Path.of("target", "openapi.json"), served);
        return JSON.readTree(served);
    }

    @Test
    void everyRequestBodyHasItsSchemaAndEveryErrorIsProblemJson() throws Exception {
        JsonNode document = document();
        List<String> wrong = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String route = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (content.has("*/*")) {
                    wrong.add(route + ": request body documented as */* (add it to ApiDocumentFilter.BODIES)");
                }
                if (content.has("application/json") && HostileCorpus.requestSchema(op.getValue()) == null) {
                    wrong.add(route + ": JSON body without a named schema");
                }
                JsonNode responses = op.getValue().path("responses");
                if (!responses.has("500")) {
                    wrong.add(route + ": no 500");
                }
                if (path.getKey().startsWith("/v1/admin/") && !(responses.has("401") && responses.has("403"))) {
                    wrong.add(route + ": an admin route without 401 and 403");
                }
                if (content.size() > 0 && !(responses.has("400") && responses.has("413"))) {
                    wrong.add(route + ": a body without 400 and 413");
                }
                for (Iterator<Map.Entry<String, JsonNode>> answers = responses.fields(); answers.hasNext(); ) {
                    Map.Entry<String, JsonNode> answer = answers.next();
                    if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                        String ref = answer.getValue().path("content").path("application/problem+json").path("schema")
                                .path("$ref").asText();
                        if (!ref.equals("#/components/schemas/Problem")) {
                            wrong.add(route + ": " + answer.getKey() + " is not problem+json");
                        }
                    }
                }
            }
        }
        assertTrue(operations >= 35, "only " + operations + " operations documented");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals("#/components/schemas/ValidateRequest", document.at("/paths/~1v1~1licenses~1validate/post/requestBody"
                + "/content/application~1json/schema/$ref").asText());
        assertTrue(document.at("/paths/~1v1~1licenses~1validate/post/responses/429/headers/Retry-After").isObject());
        assertTrue(document.at("/paths/~1v1~1tickets~1{ticketId}~1{operation}/post/responses/409").isObject());
        assertEquals("^t_[0-9a-hjkmnp-tv-z]{16}$", document.at("/paths/~1v1~1admin~1tenants~1{tenantId}/get/parameters/0/schema/pattern").asText());
    }

    @Test
    void eachRequestSchemaAcceptsTheReadmesExamplesAndRejectsTheCorpussBadBodies() throws Exception {
        JsonNode document = document();
        RequestSchemas schemas = new RequestSchemas(document);
        Set<String> used = new TreeSet<>();
        document.path("paths").forEach(path -> path.forEach(op -> {
            String schema = HostileCorpus.requestSchema(op);
            if (schema != null) {
                used.add(schema);
            }
        }));
        assertTrue(used.size() >= 14, "request schemas: " + used);
        for (String schema : used) {
            JsonNode examples = document.path("components").path("schemas").path(schema).path("examples");
            assertTrue(examples.size() >= 1, schema + " has no example");
            for (JsonNode example : examples) {
                assertEquals(List.of(), schemas.violations(schema, example.toString()), schema + " refuses its example " + example);
            }
        }
        HostileCorpus corpus = new HostileCorpus(document, new HostileCorpus.Seeds("t_0123456789abcdef", "0".repeat(64),
                "ZDMCP-0000-0000-0000-0000-0000-0000-0005", "x", "y", List.of(), "z"), schemas::rejects);
        corpus.hostile();
        for (String schema : used) {
            List<byte[]> bad = corpus.badBodies().get(schema);
            assertTrue(bad != null && bad.size() >= 30, schema + ": only " + (bad == null ? 0 : bad.size()) + " bad bodies");
            for (byte[] body : bad) {
                assertTrue(schemas.rejects(schema, body), schema + " accepts " + new String(body, StandardCharsets.UTF_8));
            }
        }
        // A few refusals the README names, held to the schemas too.
        for (String[] refused : List.of(
                new String[] {"ValidateRequest", "{\"licenseKey\":\"ZDMCP-1234\"}"},
                new String[] {"ValidateRequest", "{\"licenseKey\":\"ZDMCP-1234\",\"product\":\"zendesk-mcp\",\"extra\":1}"},
                new String[] {"ValidateRequest", "{\"licenseKey\":\"a\",\"product\":\"zendesk-mcp\",\"product\":\"x\"}"},
                new String[] {"IssueRequest", "{\"product\":\"zendesk-mcp\",\"expiresOn\":\"next year\"}"},
                new String[] {"TenantName", "{\"name\":\" \"}"},
                new String[] {"ZendeskCredentials", "{\"subdomain\":\"acme\",\"authType\":\"api_token\",\"token\":\"zd-example-1234\"}"},
                new String[] {"ZendeskCredentials", "{\"subdomain\":\"acme\",\"authType\":\"oauth\",\"email\":\"a@b.c\",\"token\":\"zd-example-1234\"}"},
                new String[] {"ModelCredentials", "{\"provider\":\"openai-compatible\",\"model\":\"m\",\"apiKey\":\"key-12345678\"}"},
                new String[] {"ModelCredentials", "{\"provider\":\"openai\",\"baseUrl\":\"https://x.example\",\"model\":\"m\",\"apiKey\":\"key-12345678\"}"},
                new String[] {"StartupTrailQuery", "{\"limit\":10}"},
                new String[] {"StartupTrailQuery", "{\"licenseKey\":\"ZDMCP-1\",\"keyDigest\":\"" + "a".repeat(64) + "\"}"},
                new String[] {"StartupTrailQuery", "{\"keyDigest\":\"" + "a".repeat(64) + "\",\"limit\":101}"},
                new String[] {"DownloadUrlRequest", "{\"licenseKey\":\"ZDMCP-1\",\"version\":\"newest\"}"},
                new String[] {"ReleaseRequest", "{\"product\":\"zendesk-mcp\",\"version\":\"1.4.0\",\"fileName\":\"../etc/passwd\"}"},
                new String[] {"TicketOptions", "{\"locale\":\"not a locale\"}"})) {
            assertTrue(schemas.rejects(refused[0], refused[1].getBytes(StandardCharsets.UTF_8)), refused[0] + " accepts " + refused[1]);
        }
    }
}
