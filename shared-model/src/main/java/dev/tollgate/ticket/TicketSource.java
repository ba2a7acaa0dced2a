package dev.tollgate.ticket;

import dev.tollgate.credentials.ZendeskCredentials;

/**
 * Port: the tenant's help desk (Zendesk), reached with the tenant's own credentials. Failures are
 * {@link TicketRefused} with a reason of Tollgate's own and never carry what the help desk answered.
 */
public interface TicketSource {

    /** The ticket and all its comments, in order, authors reduced to roles and metadata dropped. */
    Ticket fetch(ZendeskCredentials credentials, long ticketId, Deadline deadline);

    /** Adds {@code body} to the ticket as a private internal note (never public). */
    void addPrivateNote(ZendeskCredentials credentials, long ticketId, String body, Deadline deadline);
}
