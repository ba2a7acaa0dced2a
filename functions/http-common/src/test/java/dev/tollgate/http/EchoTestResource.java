package dev.tollgate.http;

import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.http.core.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.logging.Logger;

/** Test-only routes: one that answers, one that refuses, one that fails unexpectedly. */
@Path("/test")
public class EchoTestResource {

    static final String FAILURE_KEY = "ZDMCP-Q4RT-8ZKW-N2HJ-5XM7-PB3C-YV6D-T9G1";
    static final String FAILURE_TOKEN = "Bearer zd-oauth-failure-token-5678";
    static final String FAILURE_EMAIL = "requester@customer.example";

    private static final Logger LOG = Logger.getLogger(EchoTestResource.class);

    public record Echo(String message) {
    }

    @POST
    @Path("/echo/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> echo(@PathParam("name") String name, byte[] body) {
        Echo echo = JsonBodies.read(body, Echo.class);
        LOG.info("echo handled"); // a line of the request's own: it carries the request id too
        return Map.of("name", name, "length", Integer.toString(echo.message().length()));
    }

    @POST
    @Path("/refuse")
    @Consumes(MediaType.APPLICATION_JSON)
    public void refuse(byte[] body) {
        throw ProblemException.badRequest("refused on purpose");
    }

    @GET
    @Path("/fail/{tenantId}")
    public String fail(@PathParam("tenantId") String tenantId) {
        throw new IllegalStateException("cannot summarise ticket for " + FAILURE_EMAIL + " with key " + FAILURE_KEY
                + " and Authorization: " + FAILURE_TOKEN, new IllegalArgumentException("upstream said " + FAILURE_TOKEN));
    }
}
