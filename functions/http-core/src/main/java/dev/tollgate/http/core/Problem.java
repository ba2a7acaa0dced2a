package dev.tollgate.http.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;

/**
 * An RFC 9457 problem detail. {@code code} is a stable machine-readable name (MALFORMED_KEY,
 * INVALID_REQUEST, ...) for clients that switch on it; {@code type} is the same as a URN.
 * {@code errorId} (unexpected failures only, omitted otherwise) is the request id the failure was
 * logged under, for the caller to quote.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("urn:tollgate:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
                title, status, detail, code, null);
    }

    public Problem withErrorId(String errorId) {
        return new Problem(type, title, status, detail, code, errorId);
    }
}
