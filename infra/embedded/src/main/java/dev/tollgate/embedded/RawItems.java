package dev.tollgate.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stored item as plain text, for tests that search raw tables for what must never be there (a
 * secret, ticket text): strings as they are, binaries byte for byte, maps and lists recursively, so
 * nothing hides in an attribute the search would not read.
 */
public final class RawItems {

    private RawItems() {
    }

    public static String dump(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder();
        item.forEach((name, value) -> out.append(name).append('=').append(dump(value)).append('\n'));
        return out.toString();
    }

    public static String dump(AttributeValue value) {
        if (value.b() != null) {
            return new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1);
        }
        if (value.hasM()) {
            return dump(value.m());
        }
        if (value.hasL()) {
            return value.l().stream().map(RawItems::dump).reduce("", String::concat);
        }
        return value.s() != null ? value.s() : String.valueOf(value.n() != null ? value.n() : value.toString());
    }
}
