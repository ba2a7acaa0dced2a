package dev.tollgate.retention;

import java.time.Instant;
import java.util.List;

/**
 * Port: where one category's due records are found and deleted. Finding them costs what is due,
 * never a scan of live data: the adapter reads a key design or a sparse, time-bucketed index, from
 * a position it encodes itself and the purge keeps between runs.
 */
public interface DueItems {

    PurgeCategory category();

    /** The position a first run starts from: records whose retention started on or after {@code since}. */
    String startAt(Instant since);

    /**
     * Up to {@code limit} records whose retention started at or before {@code cutoff}, from
     * {@code position} on. {@code next} continues after them; once {@code last}, it is where the next
     * run starts (the cutoff's bucket, which will have more records due by then).
     */
    Page due(String position, Instant cutoff, int limit);

    /**
     * Deletes each record that is still due at {@code cutoff}, with retries. A record already gone
     * (TTL deleted it) or no longer due (a licence renewed since it was found) is counted as gone and
     * left alone. Never throws for one record: what could not be deleted comes back as failed.
     */
    Deletion delete(List<DueItem> items, Instant cutoff);

    record Page(List<DueItem> items, String next, boolean last) {
        public Page {
            items = List.copyOf(items);
        }
    }

    record Deletion(int deleted, int gone, List<DueItem> failed) {
        public Deletion {
            failed = List.copyOf(failed);
        }
    }
}
