package dev.tollgate.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One staff write through the admin API: who (the token's subject), what, to which record, when,
 * and how it ended. Targets are ids and digests, never keys or secrets, so the trail can be read by
 * anyone allowed to read the admin API.
 */
public record AuditEntry(String id, Instant at, String actor, String action, String target, String result) {

    public static final int MAX_TEXT = 200;

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        actor = printable(actor);
        action = printable(action);
        target = printable(target);
        result = printable(result);
    }

    /** Entries are read by people: no control characters, bounded length, whatever a token's subject holds. */
    static String printable(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        text.codePoints().limit(MAX_TEXT).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
