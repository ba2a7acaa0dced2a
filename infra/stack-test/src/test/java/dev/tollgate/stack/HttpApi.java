package dev.tollgate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's HTTP API in front of running functions: a request goes to the function of the
 * route API Gateway would pick ({@link SamTemplate#route}), as a payload 2.0 event. On a route with
 * a JWT authorizer a request without a bearer token gets the gateway's own 401 and reaches no
 * function; a token's claims and scopes are passed on as the authorizer would. The token is not
 * verified here (issuer, audience, signature): the functions verify it again themselves.
 */
final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamTemplate template;
    private final Map<String, PackagedFunction> running = new LinkedHashMap<>();

    HttpApi(SamTemplate template) {
        this.template = template;
    }

    /** Puts {@code function} behind the routes of the template's function {@code logicalId}. */
    HttpApi with(String logicalId, PackagedFunction function) {
        template.function(logicalId); // fails for an id the template does not have
        running.put(logicalId, function);
        return this;
    }

    HttpApiResponse send(AwsEvents.HttpApiRequest request, Duration timeout) {
        SamTemplate.RouteMatch match = template.route(request.method(), request.path());
        String target = match.route().function().logicalId();
        PackagedFunction function = running.get(target);
        if (function == null) {
            throw new AssertionError(match.route().routeKey() + " goes to " + target + ", which this test did not start");
        }
        if (match.route().authorizer().isPresent()) {
            String token = bearerToken(request.header("authorization"));
            if (token == null) {
                return new HttpApiResponse(401, Map.of("content-type", "application/json"), "{\"message\":\"Unauthorized\"}");
            }
            authorizerContext(request, token);
        }
        return HttpApiResponse.parse(function.invoke(request.toEvent(match, MotoStack.ACCOUNT_ID, MotoStack.REGION), timeout));
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /** The JWT authorizer's context: every claim as a string (arrays as "[a b]"), scopes from "scope". */
    private static void authorizerContext(AwsEvents.HttpApiRequest request, String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return; // API Gateway would refuse it; let the function see it and refuse it too
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            Map<String, String> flat = new LinkedHashMap<>();
            claims.properties().forEach(e -> flat.put(e.getKey(), flatten(e.getValue())));
            List<String> scopes = claims.has("scope")
                    ? Arrays.asList(claims.get("scope").asText().split(" ")) : null;
            request.jwt(flat, scopes);
        } catch (IOException | IllegalArgumentException notAJwt) {
            // as above
        }
    }

    private static String flatten(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return "[" + String.join(" ", items) + "]";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
