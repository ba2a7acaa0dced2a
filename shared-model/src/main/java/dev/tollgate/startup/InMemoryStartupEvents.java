package dev.tollgate.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps the most recent events in memory, bounded: for unit tests and runtimes without a trail. */
public final class InMemoryStartupEvents implements StartupEvents {

    private final int capacity;
    private final ConcurrentLinkedDeque<StartupEvent> events = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    public InMemoryStartupEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public CompletableFuture<Void> publish(StartupEvent event) {
        events.addLast(event);
        if (size.incrementAndGet() > capacity && events.pollFirst() != null) {
            size.decrementAndGet();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Oldest first. */
    public List<StartupEvent> recorded() {
        return new ArrayList<>(events);
    }
}
