package dev.tollgate.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * One comment of a ticket, reduced to what the model needs: who (as a role), when, and the text.
 * No author name, e-mail, IP address, location or client: the source drops them before this exists.
 * {@code html} says whether {@code body} is HTML, to be reduced to text before anything reads it.
 */
public record Comment(long id, Role role, Instant createdAt, String body, boolean html) {

    public Comment {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        body = body == null ? "" : body;
    }

    @Override
    public String toString() {
        return "Comment[id=" + id + ", role=" + role + ", " + body.length() + " chars]";
    }
}
