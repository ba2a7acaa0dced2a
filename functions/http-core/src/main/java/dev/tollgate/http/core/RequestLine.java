package dev.tollgate.http.core;

import dev.tollgate.logging.LogLine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * The one log line every request leaves, whichever edge served it: {@code requestId}, {@code method},
 * {@code route} (the matched path template, never the raw path or query), {@code status} and
 * {@code durationMs} as fields, and never a body or a header value. The id is returned to the
 * caller in {@value #HEADER}.
 */
public final class RequestLine {

    public static final String HEADER = "X-Request-Id";
    public static final String CATEGORY = "dev.tollgate.http.request";
    public static final String UNMATCHED = "unmatched";
    /** The MDC field, and the log field, that carries a request's id. */
    public static final String REQUEST_ID = "requestId";

    // API Gateway ids look like "JZ0sDjwZoAMEPQw=", Lambda's are UUIDs; anything else is not trusted.
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9=+/_.:-]{1,128}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private RequestLine() {
    }

    /** Whether an id from outside (API Gateway's, Lambda's) is fit to log and to answer with. */
    public static boolean isSafe(String id) {
        return id != null && SAFE_ID.matcher(id).matches();
    }

    /** The first of the ids an edge was handed that is fit to use (API Gateway's, then Lambda's), else a fresh one. */
    public static String idFrom(String... candidates) {
        for (String candidate : candidates) {
            if (isSafe(candidate)) {
                return candidate;
            }
        }
        return UUID.randomUUID().toString();
    }

    public static void write(String requestId, String method, String route, int status, long durationMs) {
        String loggedMethod = method != null && METHOD.matcher(method).matches() ? method : "OTHER";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(REQUEST_ID, requestId);
        fields.put("method", loggedMethod);
        fields.put("route", route);
        fields.put("status", Integer.toString(status));
        fields.put("durationMs", Long.toString(durationMs));
        LogLine.write(CATEGORY, Level.INFO, loggedMethod + " " + route + " " + status + " " + durationMs + " ms", null, fields);
    }
}
