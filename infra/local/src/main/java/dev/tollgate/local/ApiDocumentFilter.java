package dev.tollgate.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the scanned OpenAPI document: the resources read their bodies as bytes (so the strict
 * parser, not JAX-RS, decides what a body may hold), which the scanner can only describe as
 * {@code *}{@code /*} binary. This filter names each body's schema (declared once, in
 * {@code META-INF/openapi.yaml}), gives every error answer its problem+json schema and codes, and
 * the path parameters their rules. An operation that takes a body and is missing from
 * {@link #BODIES} keeps its binary body, and ApiDocumentIntegrationTest fails on it: a new route
 * cannot slip into the document undescribed.
 */
public class ApiDocumentFilter implements OASFilter {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    /** "METHOD path" to the request schema; the boolean says whether the body is required. */
    private record Body(String schema, boolean required) {
    }

    private static final Map<String, Body> BODIES = Map.ofEntries(
            Map.entry("POST /v1/licenses/validate", new Body("ValidateRequest", true)),
            Map.entry("POST /v1/updates/download-url", new Body("DownloadUrlRequest", true)),
            Map.entry("POST /v1/updates/check", new Body("CheckRequest", true)),
            Map.entry("POST /v1/tickets/{ticketId}/{operation}", new Body("TicketOptions", false)),
            Map.entry("POST /v1/admin/tenants", new Body("TenantName", true)),
            Map.entry("POST /v1/admin/tenants/{tenantId}/rename", new Body("TenantName", true)),
            Map.entry("POST /v1/admin/tenants/{tenantId}/terminate", new Body("TerminateRequest", false)),
            Map.entry("POST /v1/admin/tenants/{tenantId}/legal-hold", new Body("LegalHoldRequest", true)),
            Map.entry("POST /v1/admin/tenants/{tenantId}/licenses", new Body("IssueRequest", true)),
            Map.entry("POST /v1/admin/licenses/{digest}/renew", new Body("RenewRequest", true)),
            Map.entry("POST /v1/admin/licenses/lookup", new Body("LookupRequest", true)),
            Map.entry("POST /v1/admin/startup-trail/query", new Body("StartupTrailQuery", true)),
            Map.entry("PUT /v1/admin/tenants/{tenantId}/credentials/zendesk", new Body("ZendeskCredentials", true)),
            Map.entry("PUT /v1/admin/tenants/{tenantId}/credentials/model", new Body("ModelCredentials", true)),
            Map.entry("POST /v1/admin/releases/uploads", new Body("ReleaseRequest", true)),
            Map.entry("POST /v1/admin/releases", new Body("ReleaseRequest", true)));

    /** Read-only POSTs of the admin API: support may call them, and they conflict with nothing. */
    private static final List<String> ADMIN_READS = List.of("POST /v1/admin/licenses/lookup",
            "POST /v1/admin/startup-trail/query");

    /** Path parameters as the routes check them (a malformed id is a 404, like an id that names nothing). */
    private static final Map<String, Schema> PATH_PARAMETERS = Map.of(
            "tenantId", string("^t_[0-9a-hjkmnp-tv-z]{16}$"),
            "digest", string("^[0-9a-f]{64}$"),
            "ticketId", string("^[1-9][0-9]{0,17}$"),
            "operation", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                    .enumeration(List.of("summary", "reply-suggestion", "triage")),
            "kind", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("zendesk", "model")),
            "product", string("^[a-z][a-z0-9-]{1,39}$"),
            "kid", string("^[A-Za-z0-9_-]{43}$"));

    @Override
    public void filterOpenAPI(OpenAPI document) {
        Components components = document.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            document.setComponents(components);
        }
        components.addSecurityScheme("LicenseKey", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("the licence key as a bearer token (never in a URL)"));
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                describe(entry.getKey().name() + " " + path, path, entry.getKey(), entry.getValue());
            }
        });
    }

    private static void describe(String route, String path, PathItem.HttpMethod method, Operation operation) {
        Body body = BODIES.get(route);
        if (body != null) {
            operation.setRequestBody(json(body));
        } else if (route.startsWith("PUT /local/uploads/")) {
            operation.setRequestBody(OASFactory.createRequestBody().required(true)
                    .description("the release file, streamed to disk")
                    .content(OASFactory.createContent().addMediaType("application/octet-stream",
                            OASFactory.createMediaType().schema(OASFactory.createSchema()
                                    .addType(Schema.SchemaType.STRING).format("binary")))));
        }
        boolean hasPathParameters = path.contains("{");
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        for (Parameter parameter : parameters) {
            Schema rule = PATH_PARAMETERS.get(parameter.getName());
            if (parameter.getIn() == Parameter.In.PATH && rule != null) {
                parameter.setSchema(rule);
            }
        }
        boolean takesInput = body != null || hasPathParameters || !parameters.isEmpty();
        boolean admin = path.startsWith("/v1/admin/");
        boolean adminWrite = admin && method != PathItem.HttpMethod.GET && !ADMIN_READS.contains(route);
        boolean tickets = path.startsWith("/v1/tickets/");
        boolean updates = path.startsWith("/v1/updates/");
        boolean validation = path.equals("/v1/licenses/validate");
        boolean local = path.startsWith("/local/");

        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (takesInput || tickets) {
            responses.addAPIResponse("400", problem(validation || updates || tickets
                    ? "Bad request: INVALID_REQUEST (naming the field and the rule), MALFORMED_KEY"
                    + (updates ? ", MALFORMED_VERSION, MALFORMED_CHANNEL" : "")
                    : "Bad request: INVALID_REQUEST, naming the field and the rule"));
        }
        if (admin) {
            responses.addAPIResponse("401", problem("UNAUTHENTICATED: no staff token, or one that is expired, "
                    + "forged or from another issuer or audience"));
            responses.addAPIResponse("403", problem(adminWrite
                    ? "FORBIDDEN: the token lacks the tollgate-admin group (support tokens read only); nothing runs, no audit entry"
                    : "FORBIDDEN: the token has neither tollgate-support nor tollgate-admin"));
        }
        if (tickets) {
            responses.addAPIResponse("401", problem("UNAUTHENTICATED: no 'Authorization: Bearer <licence key>'"));
            responses.addAPIResponse("403", problem("SUSPENDED, CANCELLED, EXPIRED"));
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme("LicenseKey"))));
        }
        if (updates) {
            responses.addAPIResponse("403", problem("SUSPENDED, CANCELLED, EXPIRED"));
        }
        if (local && !path.equals("/local/dev-token")) {
            responses.addAPIResponse("403", problem("URL_REFUSED: the signed URL expired or was altered"));
        }
        if (hasPathParameters || updates || tickets) {
            responses.addAPIResponse("404", problem(tickets ? "NOT_FOUND (no licence under the key), TICKET_NOT_FOUND"
                    : updates ? "NOT_FOUND (no licence under the key), VERSION_NOT_FOUND"
                    : "the id names nothing (TENANT_NOT_FOUND, LICENSE_NOT_FOUND, ...); a malformed id is the same 404"));
        }
        if (adminWrite) {
            responses.addAPIResponse("409", problem("a conflict with the current state, with the reason: "
                    + "ILLEGAL_TRANSITION, TENANT_TERMINATED, RELEASE_EXISTS, CONCURRENT_CHANGE, ...; nothing changed"));
        }
        if (tickets) {
            responses.addAPIResponse("409", problem("INTEGRATION_NOT_CONFIGURED, DUPLICATE_IN_FLIGHT, "
                    + "ALREADY_PROCESSED (with completedAt)"));
        }
        if (operation.getRequestBody() != null) {
            responses.addAPIResponse("413", problem("the body is larger than the HTTP layer accepts "
                    + "(a JSON body over 4 KiB is refused as 400 INVALID_REQUEST)"));
        }
        if (validation || updates || tickets) {
            responses.addAPIResponse("429", retryAfter(problem("throttled: retry after Retry-After seconds")));
        }
        if (tickets) {
            responses.addAPIResponse("502", problem("INTEGRATION_AUTH_FAILED, UPSTREAM_FAILED, MODEL_OUTPUT_INVALID"));
            responses.addAPIResponse("503", retryAfter(problem("UPSTREAM_BUSY: still busy after the retries")));
            responses.addAPIResponse("504", problem("DEADLINE_EXCEEDED"));
        } else if (validation || updates) {
            responses.addAPIResponse("503", retryAfter(problem("a store Tollgate needs is unavailable; instances "
                    + "keep running on their lease's grace")));
        }
        responses.addAPIResponse("500", problem("INTERNAL_ERROR: the only detail is errorId, the id the failure was logged under"));
    }

    private static RequestBody json(Body body) {
        return OASFactory.createRequestBody().required(body.required())
                .content(OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(body.schema()))));
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))));
    }

    private static APIResponse retryAfter(APIResponse response) {
        Map<String, org.eclipse.microprofile.openapi.models.headers.Header> headers = new LinkedHashMap<>();
        headers.put("Retry-After", OASFactory.createHeader().description("seconds to wait")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        return response.headers(headers);
    }

    private static Schema string(String pattern) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern(pattern);
    }
}
