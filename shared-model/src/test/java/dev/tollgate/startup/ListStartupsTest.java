package dev.tollgate.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.keys.KeyRing;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import dev.tollgate.retention.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListStartupsTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Product ZENDESK = new Product("zendesk-mcp");

    LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", ZENDESK));
    KeyRing vault;
    RecordingTrail trail = new RecordingTrail();
    ListStartups list;

    @BeforeEach
    void wire() {
        vault = KeyRing.generate();
        list = new ListStartups(trail, format, vault, RetentionPolicy.PROMISED, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aKeyIsTurnedIntoItsDigestAndTheDefaultsCoverTheWholeRetention() {
        LicenseKey key = format.generate(ZENDESK);
        list.list(query(Optional.of(key.display().toLowerCase()), Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(vault.digest(key), trail.digest);
        assertEquals(NOW.minus(Duration.ofDays(90)), trail.from);
        assertEquals(NOW, trail.to);
        assertEquals(50, trail.limit);
    }

    @Test
    void badQueriesAreRefusedBeforeTheTrailIsRead() {
        String digest = "c".repeat(64);
        List<ListStartups.Query> bad = List.of(
                query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                query(Optional.of(format.generate(ZENDESK).display()), Optional.of(digest), Optional.empty(), Optional.empty()),
                query(Optional.of("ZDMCP-nope"), Optional.empty(), Optional.empty(), Optional.empty()),
                query(Optional.empty(), Optional.of("C".repeat(64)), Optional.empty(), Optional.empty()),
                query(Optional.empty(), Optional.of(digest), Optional.of(0), Optional.empty()),
                query(Optional.empty(), Optional.of(digest), Optional.of(101), Optional.empty()),
                new ListStartups.Query(Optional.empty(), Optional.of(digest), Optional.of(NOW), Optional.of(NOW.minusSeconds(1)),
                        Optional.empty(), Optional.empty()));
        for (ListStartups.Query query : bad) {
            assertThrows(ListStartups.Refused.class, () -> list.list(query), query.toString());
        }
        assertTrue(trail.digest == null);
    }

    @Test
    void aCursorTheTrailRejectsIsRefused() {
        trail.rejectCursor = true;
        assertThrows(ListStartups.Refused.class, () -> list.list(
                query(Optional.empty(), Optional.of("c".repeat(64)), Optional.empty(), Optional.of("junk"))));
    }

    private static ListStartups.Query query(Optional<String> key, Optional<String> digest, Optional<Integer> limit,
                                            Optional<String> cursor) {
        return new ListStartups.Query(key, digest, Optional.empty(), Optional.empty(), limit, cursor);
    }

    static final class RecordingTrail implements StartupTrail {
        KeyDigest digest;
        Instant from;
        Instant to;
        int limit;
        boolean rejectCursor;

        @Override
        public List<StartupEvent> write(List<StartupEvent> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page list(KeyDigest digest, Instant from, Instant to, int limit, Optional<String> cursor) {
            if (rejectCursor) {
                throw new IllegalArgumentException("bad cursor");
            }
            this.digest = digest;
            this.from = from;
            this.to = to;
            this.limit = limit;
            return new Page(List.of(), Optional.empty());
        }

        @Override
        public int deleteAll(KeyDigest digest) {
            throw new UnsupportedOperationException();
        }
    }
}
