package dev.tollgate.startup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import java.time.Instant;
import java.util.Set;

/**
 * The queue message of a startup event, versioned. Decoding is strict: a message that is not
 * exactly this shape is poison, reported as such and never half-written.
 */
public final class StartupEventCodec {

    static final int VERSION = 1;
    private static final Set<String> FIELDS = Set.of("v", "id", "at", "digest", "product", "verdict");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StartupEventCodec() {
    }

    public static String encode(StartupEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("v", VERSION)
                .put("id", event.id())
                .put("at", event.at().toString())
                .put("digest", event.digest().hex())
                .put("product", event.product().id())
                .put("verdict", event.verdict().name());
        return node.toString();
    }

    public static StartupEvent decode(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new PoisonMessage("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new PoisonMessage("not a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new PoisonMessage("unknown field");
            }
        });
        if (node.path("v").asInt(-1) != VERSION) {
            throw new PoisonMessage("unsupported version");
        }
        try {
            return new StartupEvent(
                    text(node, "id"),
                    Instant.parse(text(node, "at")),
                    new KeyDigest(text(node, "digest")),
                    new Product(text(node, "product")),
                    VerdictCode.valueOf(text(node, "verdict")));
        } catch (RuntimeException e) {
            throw new PoisonMessage("invalid " + e.getClass().getSimpleName());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new PoisonMessage("field " + field + " missing or not a string");
        }
        return value.textValue();
    }

    /** A message that can never be written, however often it is retried. Its text is never logged. */
    public static final class PoisonMessage extends RuntimeException {
        public PoisonMessage(String why) {
            super(why, null, false, false);
        }
    }
}
