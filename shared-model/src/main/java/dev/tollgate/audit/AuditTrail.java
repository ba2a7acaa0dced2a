package dev.tollgate.audit;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Port: the admin audit table. Entries are appended, never changed, and expire after their retention. */
public interface AuditTrail {

    void record(AuditEntry entry);

    /**
     * Runs a staff command and records its entry so that the command's writes and the entry stand
     * together or not at all. This default (for stores without transactions) writes the entry after
     * the command; the DynamoDB trail commits both in one TransactWriteItems.
     */
    default <T> T recordWith(Supplier<T> command, Function<T, AuditEntry> entry) {
        T result = command.get();
        record(entry.apply(result));
        return result;
    }

    /** One month's entries, newest first; the cursor is opaque. */
    Page list(YearMonth month, int limit, Optional<String> cursor);

    record Page(List<AuditEntry> entries, Optional<String> nextCursor) {
    }
}
