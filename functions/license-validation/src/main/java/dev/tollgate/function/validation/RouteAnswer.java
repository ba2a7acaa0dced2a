package dev.tollgate.function.validation;

import dev.tollgate.http.core.Problem;
import java.util.Map;

/**
 * What a route answers, before any edge writes it: a status, its headers, and the body to write as
 * JSON. Both edges write it: the Lambda handler ({@link ValidationHttpApi}) and the local runtime's
 * JAX-RS resources.
 */
public record RouteAnswer(int status, Map<String, String> headers, Object body) {

    public RouteAnswer {
        headers = Map.copyOf(headers);
    }

    /** problem+json for a problem, JSON otherwise. */
    public String contentType() {
        return body instanceof Problem ? Problem.MEDIA_TYPE : "application/json";
    }
}
