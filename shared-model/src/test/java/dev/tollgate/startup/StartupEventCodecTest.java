package dev.tollgate.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.Product;
import dev.tollgate.license.VerdictCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupEventCodecTest {

    static final StartupEvent EVENT = new StartupEvent("0123456789abcdef0123456789abcdef",
            Instant.parse("2026-11-23T10:00:00.120Z"), new KeyDigest("a".repeat(64)), new Product("zendesk-mcp"),
            VerdictCode.SUSPENDED);

    @Test
    void anEventRoundTripsAndTheMessageCarriesNothingElse() {
        String body = StartupEventCodec.encode(EVENT);
        assertEquals(EVENT, StartupEventCodec.decode(body));
        assertEquals("{\"v\":1,\"id\":\"0123456789abcdef0123456789abcdef\",\"at\":\"2026-11-23T10:00:00.120Z\","
                + "\"digest\":\"" + "a".repeat(64) + "\",\"product\":\"zendesk-mcp\",\"verdict\":\"SUSPENDED\"}", body);
    }

    @Test
    void everyOtherShapeIsPoison() {
        String good = StartupEventCodec.encode(EVENT);
        List<String> poison = List.of(
                "", "not json", "[]", "null", "42",
                good.replace("}", ",\"ip\":\"10.0.0.1\"}"),
                good.replace("\"v\":1", "\"v\":2"),
                good.replace("\"v\":1,", ""),
                good.replace("0123456789abcdef0123456789abcdef", "short"),
                good.replace("2026-11-23T10:00:00.120Z", "yesterday"),
                good.replace("2026-11-23T10:00:00.120Z", "2026-11-23T10:00:00.120000001Z"),
                good.replace("a".repeat(64), "A".repeat(64)),
                good.replace("zendesk-mcp", "Zendesk MCP"),
                good.replace("SUSPENDED", "MAYBE"),
                good.replace("\"SUSPENDED\"", "7"),
                good.replace(",\"verdict\":\"SUSPENDED\"", ""));
        for (String body : poison) {
            assertThrows(StartupEventCodec.PoisonMessage.class, () -> StartupEventCodec.decode(body), body);
        }
    }
}
