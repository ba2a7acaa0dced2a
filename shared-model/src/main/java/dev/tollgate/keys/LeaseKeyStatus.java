package dev.tollgate.keys;

import java.util.Locale;

/**
 * Where a lease key is in its life. {@code ACTIVE}: the newest key, signing once it has propagated.
 * {@code RETIRING}: replaced, still published so leases it signed keep verifying. {@code RETIRED}: no
 * longer published; leases it signed stop verifying.
 */
public enum LeaseKeyStatus {
    ACTIVE, RETIRING, RETIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeaseKeyStatus ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
