package dev.tollgate.wiring;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A setting an adapter cannot work without, checked when the function starts. The refusal names
 * the environment variable the SAM template sets as well as the property, because on Lambda the
 * variable is what an operator can see and fix.
 */
public final class Settings {

    private Settings() {
    }

    /** The value, or a refusal to start naming the variable that is missing. */
    public static <T> T required(Optional<T> value, String property) {
        return value.filter(v -> !(v instanceof String text) || !text.isBlank())
                .orElseThrow(() -> new Refused(envName(property) + " is not set (" + property
                        + "); this function cannot start without it"));
    }

    /** {@link #required}, and the value must pass {@code valid}, described by {@code rule}. */
    public static String required(Optional<String> value, String property, Predicate<String> valid, String rule) {
        String text = required(value, property);
        if (!valid.test(text)) {
            throw new Refused(envName(property) + " (" + property + ") is not " + rule);
        }
        return text;
    }

    /** A DynamoDB table name, as the SAM template's Ref gives it. */
    public static String tableName(Optional<String> value, String property) {
        return required(value, property, name -> name.matches("[A-Za-z0-9_.-]{3,255}"), "a DynamoDB table name");
    }

    /** MicroProfile Config's environment form of a property: {@code tollgate.tables.licenses} -> {@code TOLLGATE_TABLES_LICENSES}. */
    public static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A function started without (or with a wrong) setting it needs. */
    public static final class Refused extends IllegalStateException {
        public Refused(String message) {
            super(message);
        }
    }
}
