package dev.tollgate.adapters.zendesk;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * The three Zendesk Support API calls Tollgate makes, as a Quarkus REST client built per request
 * (the base URL names the tenant's subdomain). Answers come back as raw responses: the adapter reads
 * status and headers itself and parses bodies tolerantly, so unknown fields never break it.
 */
@Path("/api/v2/tickets")
@Produces(MediaType.APPLICATION_JSON)
public interface ZendeskApi {

    @GET
    @Path("/{ticketId}.json")
    CompletionStage<Response> ticket(@HeaderParam("Authorization") String authorization,
                                     @PathParam("ticketId") long ticketId);

    /** Cursor pagination; {@code include=users} sideloads the authors, so roles need no extra call. */
    @GET
    @Path("/{ticketId}/comments.json")
    CompletionStage<Response> comments(@HeaderParam("Authorization") String authorization,
                                       @PathParam("ticketId") long ticketId,
                                       @QueryParam("page[size]") int pageSize,
                                       @QueryParam("page[after]") String after,
                                       @QueryParam("include") String include);

    @PUT
    @Path("/{ticketId}.json")
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<Response> update(@HeaderParam("Authorization") String authorization,
                                     @PathParam("ticketId") long ticketId, String body);
}
