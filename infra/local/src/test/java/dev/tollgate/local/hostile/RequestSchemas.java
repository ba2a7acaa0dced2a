package dev.tollgate.local.hostile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request schemas of the served OpenAPI document, as a client would apply them: the body must
 * be one strict JSON value (no duplicate fields, valid UTF-8, nothing after it), then valid under
 * its JSON Schema (2020-12, the dialect of OpenAPI 3.1).
 */
public final class RequestSchemas {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String components;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    public RequestSchemas(JsonNode document) {
        this.components = document.path("components").path("schemas").toString()
                .replace("#/components/schemas/", "#/$defs/");
    }

    public List<String> violations(String schema, String instance) {
        return schemaOf(schema).validate(instance, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** Whether a client holding the document would know this body is wrong before sending it. */
    public boolean rejects(String schema, byte[] body) {
        String text;
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonNode tree = STRICT.readTree(parser);
            if (tree == null || tree.isMissingNode() || parser.nextToken() != null) {
                return true;
            }
            text = STRICT.writeValueAsString(tree);
        } catch (Exception notJson) {
            return true;
        }
        try {
            return !violations(schema, text).isEmpty();
        } catch (tools.jackson.databind.exc.JsonNodeException outOfRange) {
            // networknt 3.0.0 cannot compare a number beyond a long (1.5e300) with an integer bound; no
            // such number is a valid value of any field here.
            return true;
        }
    }

    private Schema schemaOf(String name) {
        return compiled.computeIfAbsent(name, n -> SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$defs\":" + components
                        + ",\"$ref\":\"#/$defs/" + n + "\"}", InputFormat.JSON));
    }
}
