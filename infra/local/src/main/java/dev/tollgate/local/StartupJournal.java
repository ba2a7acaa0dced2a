package dev.tollgate.local;

import dev.tollgate.adapters.local.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * What makes an answered startup survive {@code kill -9}: the local queue is in memory, so each
 * message is first appended to a journal file in the data folder and forced to disk before the
 * validation that caused it is answered. The journal is the local stand-in for SQS's durable
 * 200: replayed into the queue at the next start, and deleted segment by segment once every
 * message in a segment is written to the trail (or dead-lettered).
 *
 * <p>Group commit: one writer thread writes whatever has arrived since its last write and forces
 * it with one {@code fsync}, so concurrent validations share a sync and a burst costs about one
 * sync per batch, not per request. Replaying a message already written is harmless: a trail entry
 * is keyed by the event's id, and writing it again leaves one entry.
 */
final class StartupJournal implements AutoCloseable {

    /** A message and the segment that holds it; the segment is what {@link #settle} is told. */
    record Entry(long segment, String body) {
    }

    static final int SEGMENT_LINES = 4_096;
    private static final Logger LOG = Logger.getLogger(StartupJournal.class);
    private static final String SUFFIX = ".journal";
    private static final long APPEND_TIMEOUT_SECONDS = 10;

    private final Path dir;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    /** Per segment, messages not yet settled. Guarded by {@code this}. */
    private final Map<Long, Integer> unsettled = new HashMap<>();
    private final Thread writer;
    private final List<Entry> replay;
    private FileChannel current;
    private long currentSegment;
    private int currentLines;
    private long syncs;
    private long appended;
    private volatile boolean closed;

    private record Pending(byte[] line, CompletableFuture<Long> durable) {
    }

    private StartupJournal(Path dir, List<Entry> replay, long nextSegment) throws IOException {
        this.dir = dir;
        this.replay = replay;
        this.currentSegment = nextSegment;
        this.current = openSegment(nextSegment);
        this.writer = new Thread(this::write, "local-startup-journal");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens the journal in {@code dir} (owner-only), reading what a previous run left unsettled. */
    static StartupJournal open(Path dir) {
        try {
            OwnerOnlyFiles.createPrivateDirectories(dir);
            List<Path> segments;
            try (Stream<Path> files = Files.list(dir)) {
                segments = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted(
                        java.util.Comparator.comparingLong(StartupJournal::segmentOf)).toList();
            }
            List<Entry> replay = new ArrayList<>();
            Map<Long, Integer> counts = new HashMap<>();
            long last = 0;
            for (Path segment : segments) {
                long number = segmentOf(segment);
                last = Math.max(last, number);
                for (String line : completeLines(segment)) {
                    replay.add(new Entry(number, line));
                    counts.merge(number, 1, Integer::sum);
                }
                if (!counts.containsKey(number)) {
                    Files.delete(segment);
                }
            }
            StartupJournal journal = new StartupJournal(dir, replay, last + 1);
            synchronized (journal) {
                journal.unsettled.putAll(counts);
            }
            if (!replay.isEmpty()) {
                LOG.infof("startup journal: %d startups from before the last stop are recorded again", replay.size());
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("the startup journal in " + dir + " cannot be opened", e);
        }
    }

    /** Messages a previous run acknowledged and did not settle, oldest first; each must be settled. */
    List<Entry> replay() {
        return replay;
    }

    /** Appends a message and returns once it is on disk, with the segment to settle it against. */
    long append(String body) {
        if (closed) {
            throw new IllegalStateException("the startup journal is closed");
        }
        Pending appending = new Pending((body + "\n").getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        pending.add(appending);
        try {
            return appending.durable().get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("startup not journalled", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("startup not journalled in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while journalling a startup");
        }
    }

    /** One message of {@code segment} is in the trail (or dead-lettered): a segment with none left goes. */
    synchronized void settle(long segment) {
        Integer left = unsettled.computeIfPresent(segment, (s, n) -> n - 1);
        if (left != null && left <= 0) {
            unsettled.remove(segment);
            if (segment != currentSegment) {
                delete(segment);
            }
        }
    }

    /** fsyncs so far: with group commit, fewer than appends under concurrency. */
    synchronized long syncs() {
        return syncs;
    }

    synchronized long appended() {
        return appended;
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch);
                long segment = commit(batch);
                batch.forEach(p -> p.durable().complete(segment));
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.errorf("startup journal write failed: %s", e.getClass().getSimpleName());
                batch.forEach(p -> p.durable().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private synchronized long commit(List<Pending> batch) throws IOException {
        if (currentLines >= SEGMENT_LINES) {
            rotate();
        }
        int size = batch.stream().mapToInt(p -> p.line().length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        batch.forEach(p -> buffer.put(p.line()));
        buffer.flip();
        while (buffer.hasRemaining()) {
            current.write(buffer);
        }
        current.force(false);
        syncs++;
        appended += batch.size();
        currentLines += batch.size();
        unsettled.merge(currentSegment, batch.size(), Integer::sum);
        return currentSegment;
    }

    private void rotate() throws IOException {
        current.close();
        long finished = currentSegment;
        currentSegment++;
        currentLines = 0;
        current = openSegment(currentSegment);
        if (!unsettled.containsKey(finished)) {
            delete(finished);
        }
    }

    private FileChannel openSegment(long number) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", number, SUFFIX));
        FileChannel channel = OwnerOnlyFiles.openPrivateForAppend(file);
        // The new file's name must survive a crash too, not only its bytes.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot sync a directory; the segment's own syncs still hold its content.
        }
        return channel;
    }

    private void delete(long segment) {
        try {
            Files.deleteIfExists(dir.resolve(String.format("%020d%s", segment, SUFFIX)));
        } catch (IOException e) {
            LOG.warnf("startup journal segment %d not deleted: %s", segment, e.getClass().getSimpleName());
        }
    }

    private static long segmentOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A line without its newline was being written when the process died: it was never acknowledged. */
    private static List<String> completeLines(Path segment) throws IOException {
        String text = Files.readString(segment, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return text.substring(0, end).lines().filter(line -> !line.isBlank()).toList();
    }

    /** After the queue has drained: stops the writer; a segment whose messages are all settled goes. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.warnf("startup journal not closed: %s", e.getClass().getSimpleName());
            }
            if (!unsettled.containsKey(currentSegment)) {
                delete(currentSegment);
            }
        }
    }
}
