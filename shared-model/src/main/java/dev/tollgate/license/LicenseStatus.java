package dev.tollgate.license;

import java.util.Locale;

public enum LicenseStatus {
    ACTIVE, SUSPENDED, CANCELLED;

    /** The lower-case word used on the wire and at rest. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LicenseStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
