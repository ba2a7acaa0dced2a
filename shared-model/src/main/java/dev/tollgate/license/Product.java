package dev.tollgate.license;

import java.util.regex.Pattern;

/** A product id as the installed instance sends it, e.g. {@code zendesk-mcp}. */
public record Product(String id) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    public Product {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a product id is 2 to 40 characters of a-z, 0-9 and '-', starting with a letter");
        }
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
