package dev.tollgate.local;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.Map;

/** The README's way in for staff on the local runtime: a dev token from /local/dev-token, then the admin API. */
final class LocalAdmin {

    private LocalAdmin() {
    }

    static RequestSpecification admin() {
        String token = given().post("/local/dev-token?role=admin").then().statusCode(200).extract().path("token");
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String tenant(String name) {
        return admin().body(Map.of("name", name)).post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
    }

    /** A new licence of a new tenant; the answer's key, shown this once. */
    static String issue(LocalDate expiresOn) {
        return admin().body(Map.of("product", "zendesk-mcp", "expiresOn", expiresOn.toString()))
                .post("/v1/admin/tenants/" + tenant("Acme Support") + "/licenses").then().statusCode(201)
                .extract().path("licenseKey");
    }
}
