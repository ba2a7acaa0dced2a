package dev.tollgate.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the local runtime serves covers the public and the admin API, with staff auth declared. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class OpenApiDocumentIntegrationTest {

    @Test
    void everyPublicAndAdminRouteIsDocumentedAndAdminRoutesNeedTheStaffToken() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Tollgate API"))
                .body("components.securitySchemes.StaffJwt.scheme", equalTo("bearer"))
                .extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of("/v1/licenses/validate", "/v1/updates/download-url", "/v1/updates/check",
                "/.well-known/jwks.json", "/v1/admin/tenants", "/v1/admin/tenants/{tenantId}",
                "/v1/admin/tenants/{tenantId}/licenses", "/v1/admin/licenses/{digest}/suspend",
                "/v1/admin/licenses/{digest}/renew", "/v1/admin/licenses/lookup",
                "/v1/admin/tenants/{tenantId}/credentials/zendesk", "/v1/admin/tenants/{tenantId}/credentials/model",
                "/v1/admin/releases", "/v1/admin/releases/uploads", "/v1/admin/releases/{product}/{version}/yank",
                "/v1/admin/tenants/{tenantId}/usage", "/v1/admin/audit", "/v1/admin/startup-trail/query",
                "/v1/admin/tenants/{tenantId}/export", "/v1/admin/tenants/{tenantId}/erase", "/v1/admin/retention/purge")) {
            assertTrue(paths.containsKey(path), "not documented: " + path);
        }
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("paths.'/v1/admin/tenants'.post.security", notNullValue())
                .body("paths.'/v1/admin/licenses/{digest}/suspend'.post.security", notNullValue());
    }
}
