package dev.tollgate.ticket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket as fetched for one request and then dropped: subject, status, priority, tags, the
 * requester's language where the help desk knows it, and every comment in order. It is never
 * stored, cached or logged; {@link #toString()} shows sizes only.
 */
public record Ticket(long id, String subject, String status, Optional<String> priority, List<String> tags,
                     Optional<String> requesterLocale, List<Comment> comments) {

    public Ticket {
        subject = subject == null ? "" : subject;
        status = status == null ? "unknown" : status;
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(requesterLocale, "requesterLocale");
        tags = List.copyOf(tags);
        comments = List.copyOf(comments);
    }

    @Override
    public String toString() {
        return "Ticket[id=" + id + ", " + comments.size() + " comments]";
    }
}
