package dev.tollgate.audit;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Port: the admin audit table. Entries are appended, never changed, and expire after their retention. */
public interface AuditTrail {

    void record(AuditEntry entry);

    /** One month's entries, newest first; the cursor is opaque. */
    Page list(YearMonth month, int limit, Optional<String> cursor);

    record Page(List<AuditEntry> entries, Optional<String> nextCursor) {
    }
}
