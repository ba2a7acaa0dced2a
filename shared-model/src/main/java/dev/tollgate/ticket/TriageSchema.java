package dev.tollgate.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a model's triage against {@code triage.schema.json}, shipped beside this class.
 *
 * <p>Why not a JSON Schema library: the one in this build's registry (networknt 3.x) brings
 * Jackson 3 alongside the Jackson 2 everything else uses, megabytes in a Lambda zip for a schema
 * that uses nine keywords. This reads the schema file itself (so the file stays the contract) and
 * applies exactly those keywords: type, required, properties, additionalProperties (false), enum,
 * minimum, maximum, minLength, maxLength, items, maxItems, minItems. An unknown keyword in the file
 * fails at start, so the two cannot drift apart silently; a test holds this to networknt on a corpus.
 */
public final class TriageSchema {

    private static final List<String> KNOWN = List.of("$schema", "$id", "title", "description", "type", "required",
            "properties", "additionalProperties", "enum", "minimum", "maximum", "minLength", "maxLength", "items",
            "maxItems", "minItems");

    private final JsonNode schema;

    private TriageSchema(JsonNode schema) {
        requireKnownKeywords(schema, "#");
        this.schema = schema;
    }

    public static TriageSchema load() {
        try (InputStream in = TriageSchema.class.getResourceAsStream("triage.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("triage.schema.json is missing beside TriageSchema");
            }
            return new TriageSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode schema() {
        return schema;
    }

    /** The violations, as JSON pointers and rules; never the offending values (they came from a ticket). */
    public List<String> violations(JsonNode instance) {
        List<String> out = new ArrayList<>();
        check(schema, instance, "", out);
        return out;
    }

    private static void check(JsonNode rule, JsonNode value, String at, List<String> out) {
        String where = at.isEmpty() ? "/" : at;
        if (rule.has("type") && !typeMatches(rule.get("type").asText(), value)) {
            out.add(where + " must be " + rule.get("type").asText());
            return;
        }
        if (rule.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : rule.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                out.add(where + " must be one of " + rule.get("enum"));
            }
        }
        if (value.isNumber()) {
            if (rule.has("minimum") && value.decimalValue().compareTo(rule.get("minimum").decimalValue()) < 0) {
                out.add(where + " must be at least " + rule.get("minimum"));
            }
            if (rule.has("maximum") && value.decimalValue().compareTo(rule.get("maximum").decimalValue()) > 0) {
                out.add(where + " must be at most " + rule.get("maximum"));
            }
        }
        if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            if (rule.has("minLength") && length < rule.get("minLength").asInt()) {
                out.add(where + " must have at least " + rule.get("minLength") + " characters");
            }
            if (rule.has("maxLength") && length > rule.get("maxLength").asInt()) {
                out.add(where + " must have at most " + rule.get("maxLength") + " characters");
            }
        }
        if (value.isArray()) {
            if (rule.has("maxItems") && value.size() > rule.get("maxItems").asInt()) {
                out.add(where + " must have at most " + rule.get("maxItems") + " items");
            }
            if (rule.has("minItems") && value.size() < rule.get("minItems").asInt()) {
                out.add(where + " must have at least " + rule.get("minItems") + " items");
            }
            if (rule.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(rule.get("items"), value.get(i), at + "/" + i, out);
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode required : rule.path("required")) {
                if (!value.has(required.asText())) {
                    out.add(where + " must have '" + required.asText() + "'");
                }
            }
            JsonNode properties = rule.path("properties");
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (properties.has(name)) {
                    check(properties.get(name), value.get(name), at + "/" + name, out);
                } else if (rule.path("additionalProperties").isBoolean() && !rule.get("additionalProperties").asBoolean()) {
                    out.add(where + " has a property the schema does not allow");
                }
            }
        }
    }

    private static boolean typeMatches(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("unsupported type " + type);
        };
    }

    private static void requireKnownKeywords(JsonNode rule, String at) {
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KNOWN.contains(keyword)) {
                throw new IllegalStateException("triage.schema.json uses '" + keyword + "' at " + at
                        + ", which TriageSchema does not apply");
            }
        }
        rule.path("properties").fields().forEachRemaining(p -> requireKnownKeywords(p.getValue(), at + "/properties/" + p.getKey()));
        if (rule.has("items")) {
            requireKnownKeywords(rule.get("items"), at + "/items");
        }
    }
}
