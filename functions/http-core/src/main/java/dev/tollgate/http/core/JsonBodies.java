package dev.tollgate.http.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a request body into a request record, strictly: the record's components are the only
 * fields allowed, every non-{@code Optional} one is required, types are checked without coercion,
 * and each refusal names the field and the rule, so a client can fix its request from the answer.
 */
public final class JsonBodies {

    public static final int DEFAULT_MAX_BYTES = 4096;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A request record's fields and canonical constructor, looked up once per type, not per request. */
    private record Shape(RecordComponent[] components, Set<String> names, java.lang.reflect.Constructor<?> constructor) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Set<String> names = Arrays.stream(components).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                return new Shape(components, java.util.Collections.unmodifiableSet(names), type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record has its canonical constructor", e);
            }
        }
    };

    private JsonBodies() {
    }

    public static <T extends Record> T read(byte[] body, Class<T> type) {
        return read(body, type, DEFAULT_MAX_BYTES);
    }

    public static <T extends Record> T read(byte[] body, Class<T> type, int maxBytes) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; expected a JSON object");
        }
        if (body.length > maxBytes) {
            throw ProblemException.badRequest("the request body has " + body.length + " bytes; at most "
                    + maxBytes + " are accepted");
        }
        // JSON travels as UTF-8 (RFC 8259 §8.1). Jackson would detect UTF-16 or UTF-32 by their zero bytes
        // and read them too; no UTF-8 JSON text holds a zero byte, so one refuses every other encoding.
        for (byte b : body) {
            if (b == 0) {
                throw ProblemException.badRequest("the request body must be JSON in UTF-8");
            }
        }
        JsonNode tree = parse(body);
        if (!tree.isObject()) {
            throw ProblemException.badRequest("the request body must be a JSON object, not " + kind(tree));
        }
        Shape shape = SHAPES.get(type);
        RecordComponent[] components = shape.components();
        Set<String> allowed = shape.names();
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + quoteAll(unknown) + "; the fields are " + quoteAll(allowed));
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            values[i] = value(component, tree.get(component.getName()));
        }
        try {
            return type.cast(shape.constructor().newInstance(values));
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw ProblemException.badRequest(invalid.getMessage());
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonNode tree = JSON.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw ProblemException.badRequest("the request body is empty; expected a JSON object");
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("the request body has content after the JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Duplicate field")) {
                throw ProblemException.badRequest("a field appears twice: " + why.substring("Duplicate field ".length()));
            }
            throw ProblemException.badRequest("the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("the request body could not be read");
        }
    }

    private static Object value(RecordComponent component, JsonNode node) {
        String name = component.getName();
        boolean optional = component.getType() == Optional.class;
        Class<?> target = optional ? optionalOf(component.getGenericType()) : component.getType();
        if (node == null || node.isNull()) {
            if (optional) {
                return Optional.empty();
            }
            throw ProblemException.badRequest(node == null
                    ? "missing field '" + name + "'"
                    : "field '" + name + "' must not be null");
        }
        Object value = convert(name, target, node);
        return optional ? Optional.of(value) : value;
    }

    private static Object convert(String name, Class<?> target, JsonNode node) {
        if (target == String.class) {
            if (!node.isTextual()) {
                throw ProblemException.badRequest("field '" + name + "' must be a string, not " + kind(node));
            }
            return node.textValue();
        }
        if (target == LocalDate.class) {
            if (!node.isTextual()) {
                throw ProblemException.badRequest("field '" + name + "' must be an ISO 8601 date string (YYYY-MM-DD)");
            }
            try {
                return LocalDate.parse(node.textValue());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("field '" + name + "' must be an ISO 8601 date (YYYY-MM-DD)");
            }
        }
        if (target == Instant.class) {
            if (!node.isTextual()) {
                throw ProblemException.badRequest("field '" + name + "' must be an ISO 8601 UTC time string");
            }
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("field '" + name + "' must be an ISO 8601 UTC time (e.g. 2026-11-23T10:00:00Z)");
            }
        }
        if (target == Boolean.class || target == boolean.class) {
            if (!node.isBoolean()) {
                throw ProblemException.badRequest("field '" + name + "' must be true or false, not " + kind(node));
            }
            return node.booleanValue();
        }
        if (target == Integer.class || target == int.class) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw ProblemException.badRequest("field '" + name + "' must be a whole number, not " + kind(node));
            }
            return node.intValue();
        }
        throw new IllegalStateException("unsupported request field type " + target.getName());
    }

    private static Class<?> optionalOf(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new IllegalStateException("Optional request fields need a concrete type");
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "something else";
        };
    }

    private static String quoteAll(java.util.Collection<String> names) {
        return names.stream().map(n -> "'" + (n.length() > 40 ? n.substring(0, 40) + "…" : n) + "'")
                .collect(Collectors.joining(", "));
    }
}
