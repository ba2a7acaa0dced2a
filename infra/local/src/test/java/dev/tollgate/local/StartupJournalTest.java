package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal that keeps acknowledged startups through a crash: replay, torn tails, group commit, clean-up. */
class StartupJournalTest {

    @TempDir
    Path dir;

    @Test
    void whatWasAppendedAndNotSettledIsReplayedAfterACrash() {
        StartupJournal first = StartupJournal.open(dir);
        long a = first.append("{\"n\":1}");
        first.append("{\"n\":2}");
        first.append("{\"n\":3}");
        first.settle(a);
        // No close(): the process died. Settled or not, what is in the file is offered again (writing twice is harmless).
        StartupJournal second = StartupJournal.open(dir);
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"),
                second.replay().stream().map(StartupJournal.Entry::body).toList());
        second.replay().forEach(e -> second.settle(e.segment()));
        second.close();
        assertEquals(0, segments().size(), "a settled journal leaves no file behind");
        assertTrue(StartupJournal.open(dir).replay().isEmpty());
    }

    @Test
    void aLineCutShortByTheCrashWasNeverAcknowledgedAndIsDropped() throws Exception {
        StartupJournal journal = StartupJournal.open(dir);
        journal.append("{\"n\":1}");
        Path segment = segments().get(0);
        Files.write(segment, "{\"n\":2, \"cut".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertEquals(List.of("{\"n\":1}"), StartupJournal.open(dir).replay().stream().map(StartupJournal.Entry::body).toList());
    }

    @Test
    void concurrentAppendsShareSyncsAndTheFilesAreOwnerOnly() throws Exception {
        StartupJournal journal = StartupJournal.open(dir);
        ExecutorService callers = Executors.newFixedThreadPool(32);
        List<Future<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String body = "{\"n\":" + i + "}";
            appends.add(callers.submit(() -> journal.append(body)));
        }
        for (Future<Long> append : appends) {
            journal.settle(append.get());
        }
        callers.shutdown();
        assertEquals(2_000, journal.appended());
        assertTrue(journal.syncs() < 2_000, "group commit: " + journal.syncs() + " syncs for 2000 appends");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (Path segment : segments()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(segment)));
        }
        journal.close();
        assertEquals(List.of(), segments());
    }

    @Test
    void aFullSegmentGoesOnceEveryMessageInItIsSettled() throws Exception {
        StartupJournal journal = StartupJournal.open(dir);
        List<Long> segments = new ArrayList<>();
        for (int i = 0; i < StartupJournal.SEGMENT_LINES + 10; i++) {
            segments.add(journal.append("{\"n\":" + i + "}"));
        }
        assertEquals(2, segments().size());
        for (int i = 0; i < StartupJournal.SEGMENT_LINES; i++) {
            journal.settle(segments.get(i));
        }
        assertEquals(1, segments().size(), "the first segment, all settled, is deleted while the second is in use");
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".journal")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
