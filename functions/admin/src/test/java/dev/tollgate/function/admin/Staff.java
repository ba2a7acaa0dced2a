package dev.tollgate.function.admin;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;

/** Requests as the vendor's staff make them, with tokens from the stand-in identity provider. */
final class Staff {

    static final String ADMIN_SUBJECT = "ada@vendor.example";
    static final String SUPPORT_SUBJECT = "sam@vendor.example";

    private Staff() {
    }

    static RequestSpecification admin() {
        return admin(ADMIN_SUBJECT);
    }

    static RequestSpecification admin(String subject) {
        return given().auth().oauth2(StaffTokens.token(subject, List.of(AdminRoles.ADMIN))).contentType(ContentType.JSON);
    }

    static RequestSpecification support() {
        return support(SUPPORT_SUBJECT);
    }

    static RequestSpecification support(String subject) {
        return given().auth().oauth2(StaffTokens.token(subject, List.of(AdminRoles.SUPPORT))).contentType(ContentType.JSON);
    }

    /** A new tenant's id. */
    static String tenant(String name) {
        return admin().body("{\"name\":\"" + name + "\"}").post("/v1/admin/tenants").then().statusCode(201)
                .extract().path("id");
    }
}
