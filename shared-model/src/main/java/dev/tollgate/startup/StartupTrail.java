package dev.tollgate.startup;

import dev.tollgate.license.KeyDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the startup-log table. */
public interface StartupTrail {

    /**
     * Writes the entries; writing one that exists (same digest, time and id) leaves one entry.
     * Returns the events that could not be written after retries, for the caller to report.
     */
    List<StartupEvent> write(List<StartupEvent> events);

    /** Entries of one licence in {@code [from, to]}, newest first, never one past its retention. */
    Page list(KeyDigest digest, Instant from, Instant to, int limit, Optional<String> cursor);

    /** Deletes every entry of one licence, past retention or not (an erasure); returns how many. */
    int deleteAll(KeyDigest digest);

    record Page(List<StartupEvent> entries, Optional<String> nextCursor) {
    }
}
