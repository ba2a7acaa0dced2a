package dev.tollgate.startup;

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
 * those are delivered again (and, after a few receives, land in the dead-letter queue).
 */
public final class RecordStartups {

    private static final Logger LOG = Logger.getLogger(RecordStartups.class);

    private final StartupTrail trail;
    private final RetentionPolicy retention;
    private final Clock clock;

    public RecordStartups(StartupTrail trail, RetentionPolicy retention, Clock clock) {
        this.trail = trail;
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
        Instant oldestKept = clock.instant().minus(retention.startupLog());
        for (QueuedMessage message : messages) {
            StartupEvent event;
            try {
                event = StartupEventCodec.decode(message.body());
            } catch (StartupEventCodec.PoisonMessage poison) {
                LOG.warnf("startup message %s is not a startup event (%s)", message.messageId(), poison.getMessage());
                failed.add(message.messageId());
                continue;
            }
            if (event.at().isBefore(oldestKept)) {
                continue; // Already past retention (a late redrive): recording it would break the promise.
            }
            events.putIfAbsent(event.id(), event);
            messagesByEvent.computeIfAbsent(event.id(), id -> new ArrayList<>()).add(message.messageId());
        }
        if (!events.isEmpty()) {
            for (StartupEvent unwritten : trail.write(List.copyOf(events.values()))) {
                failed.addAll(messagesByEvent.get(unwritten.id()));
            }
        }
        return failed;
    }
}
