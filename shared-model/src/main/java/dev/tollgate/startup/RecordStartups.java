package dev.tollgate.startup;

import dev.tollgate.license.VerdictCode;
import dev.tollgate.retention.RetentionPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes a batch of queued startup events to the trail and says which messages failed, so only
 * those are delivered again (and, after a few receives, land in the dead-letter queue). Startups
 * with an unknown key are counted into the {@link UnknownKeyTally} instead: kept per key for 90
 * days, a random-key flood would grow the trail without bound.
 */
public final class RecordStartups {

    private static final Logger LOG = Logger.getLogger(RecordStartups.class);

    private final StartupTrail trail;
    private final UnknownKeyTally unknownKeys;
    private final RetentionPolicy retention;
    private final Clock clock;

    public RecordStartups(StartupTrail trail, UnknownKeyTally unknownKeys, RetentionPolicy retention, Clock clock) {
        this.trail = trail;
        this.unknownKeys = unknownKeys;
        this.retention = retention;
        this.clock = clock;
    }

    /** One message as a queue delivers it. */
    public record QueuedMessage(String messageId, String body) {
    }

    /** @return the ids of the messages that were not recorded */
    public List<String> record(List<QueuedMessage> messages) {
        List<String> failed = new ArrayList<>();
        // Keyed by event id: a message delivered twice in one batch is written once.
        Map<String, StartupEvent> events = new LinkedHashMap<>();
        Map<String, List<String>> messagesByEvent = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (QueuedMessage message : messages) {
            StartupEvent event;
            try {
                event = StartupEventCodec.decode(message.body());
            } catch (StartupEventCodec.PoisonMessage poison) {
                LOG.warnf("startup message %s is not a startup event (%s)", message.messageId(), poison.getMessage());
                failed.add(message.messageId());
                continue;
            }
            boolean unknown = event.verdict() == VerdictCode.NOT_FOUND;
            if (event.at().isBefore(now.minus(unknown ? retention.unknownKeyTally() : retention.startupLog()))) {
                continue; // Already past retention (a late redrive): recording it would break the promise.
            }
            events.putIfAbsent(event.id(), event);
            messagesByEvent.computeIfAbsent(event.id(), id -> new ArrayList<>()).add(message.messageId());
        }
        List<StartupEvent> known = events.values().stream().filter(e -> e.verdict() != VerdictCode.NOT_FOUND).toList();
        List<StartupEvent> unknown = events.values().stream().filter(e -> e.verdict() == VerdictCode.NOT_FOUND).toList();
        List<StartupEvent> unwritten = new ArrayList<>();
        if (!known.isEmpty()) {
            unwritten.addAll(trail.write(known));
        }
        if (!unknown.isEmpty()) {
            unwritten.addAll(unknownKeys.add(unknown));
        }
        unwritten.forEach(e -> failed.addAll(messagesByEvent.get(e.id())));
        return failed;
    }
}
