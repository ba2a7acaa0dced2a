package dev.tollgate.function.admin;

import dev.tollgate.credentials.CredentialKind;
import dev.tollgate.credentials.ManageCredentials;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.credentials.StoredCredential;
import dev.tollgate.credentials.ZendeskCredentials;
import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.outcome.Refusal;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's integration credentials. Secrets go in (sealed at once under the tenant's context) and
 * never come out: reads show what is configured, the last four characters and when it changed.
 */
@Path("/v1/admin/tenants/{tenantId}/credentials")
@Startup
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private final ManageCredentials credentials;
    private final AuditedWrites audited;

    public CredentialResource(ManageCredentials credentials, AuditedWrites audited) {
        this.credentials = credentials;
        this.audited = audited;
    }

    @GET
    public List<Map<String, Object>> list(@PathParam("tenantId") String tenantId) {
        return credentials.summaries(AdminPaths.tenant(tenantId)).stream().map(CredentialResource::view).toList();
    }

    @PUT
    @Path("/zendesk")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> putZendesk(@PathParam("tenantId") String tenantId, byte[] body) {
        return audited.write("credentials.zendesk.put", "tenant/" + tenantId, () -> {
            ZendeskRequest r = JsonBodies.read(body, ZendeskRequest.class);
            ZendeskCredentials.Auth auth = ZendeskCredentials.Auth.fromWire(r.authType()).orElseThrow(
                    () -> Refusal.invalid("'authType' is oauth or api_token"));
            return view(credentials.putZendesk(AdminPaths.tenant(tenantId),
                    new ZendeskCredentials(r.subdomain(), auth, r.email(), r.token())));
        });
    }

    @PUT
    @Path("/model")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> putModel(@PathParam("tenantId") String tenantId, byte[] body) {
        return audited.write("credentials.model.put", "tenant/" + tenantId, () -> {
            ModelRequest r = JsonBodies.read(body, ModelRequest.class);
            ModelCredentials.Provider provider = ModelCredentials.Provider.fromWire(r.provider()).orElseThrow(
                    () -> Refusal.invalid("'provider' is anthropic, openai or openai-compatible"));
            return view(credentials.putModel(AdminPaths.tenant(tenantId), new ModelCredentials(provider,
                    r.baseUrl().map(ModelCredentials::parseBaseUrl), r.model(), r.apiKey(), r.redact().orElse(false))));
        });
    }

    @DELETE
    @Path("/{kind}")
    @RolesAllowed(AdminRoles.ADMIN)
    public Response delete(@PathParam("tenantId") String tenantId, @PathParam("kind") String kind) {
        return audited.write("credentials." + kind + ".delete", "tenant/" + tenantId, () -> {
            credentials.delete(AdminPaths.tenant(tenantId), CredentialKind.fromWire(kind).orElseThrow(
                    () -> Refusal.notFound("CREDENTIALS_NOT_FOUND", "credential kinds are zendesk and model")));
            return Response.noContent().build();
        });
    }

    /** Flat, so a read looks like what was put minus the secret. */
    static Map<String, Object> view(StoredCredential.Summary summary) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", summary.kind().wire());
        view.putAll(summary.facts());
        view.put("last4", summary.last4());
        view.put("updatedAt", summary.updatedAt().toString());
        return view;
    }

    /** A Zendesk API token comes with the e-mail of the agent it belongs to; an OAuth token without. */
    @RegisterForReflection
    public record ZendeskRequest(String subdomain, String authType, Optional<String> email, String token) {
    }

    /** {@code redact: true} asks ticket processing to redact e-mails, phone numbers, card numbers and keys before the model. */
    @RegisterForReflection
    public record ModelRequest(String provider, Optional<String> baseUrl, String model, String apiKey,
                               Optional<Boolean> redact) {
    }
}
