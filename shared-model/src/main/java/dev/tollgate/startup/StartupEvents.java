package dev.tollgate.startup;

import java.util.concurrent.CompletableFuture;

/**
 * Port: where validation hands off startup events. {@link #publish} must return at once; the
 * future completes when the event is durably queued (or fails). The caller waits for it only a
 * bounded few milliseconds and never lets its outcome change a verdict.
 */
public interface StartupEvents {

    /** Records nothing: for runtimes configured with {@code tollgate.startup-log.publisher=none}. */
    StartupEvents NONE = event -> CompletableFuture.completedFuture(null);

    CompletableFuture<Void> publish(StartupEvent event);
}
