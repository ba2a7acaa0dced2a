package dev.tollgate.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapters.local.LocalArtifactStore;
import dev.tollgate.http.core.Problem;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The local runtime's own request limits, answered as problem+json before any body is read.
 *
 * <p>The HTTP server's body limit ({@code quarkus.http.limits.max-body-size}) must let an upload
 * through, so it is an upload's size; every other route takes JSON of a few KiB and is held to
 * {@code tollgate.local.limits.json-body}: refused at once when {@code Content-Length} says more,
 * and while reading when the body is chunked (the read stops at the limit instead of buffering up
 * to a gigabyte). Only {@code PUT /local/uploads/...} takes large bodies, which it streams to disk.
 *
 * <p>Vert.x answers a request line or headers longer than its codec's limits with a bare 414 or 431
 * before any route runs, and Quarkus offers no hook there. So the codec's limits are set well above
 * Tollgate's ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}), and
 * Tollgate's limits are applied here, as problem+json; only what exceeds the codec's ceiling still
 * gets the bare answer.
 */
@Singleton
public class LocalHttpLimits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long jsonBody;
    private final long uploadBody;
    private final int uri;
    private final long headers;
    private final BodyHandler chunkedBodies;
    private static final String CHUNKED_JSON = "tollgate.chunked-json";

    LocalHttpLimits(TollgateConfig config,
                    @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize uploadBody) {
        this.jsonBody = config.local().limits().jsonBody().asLongValue();
        this.uploadBody = uploadBody.asLongValue();
        this.uri = config.local().limits().uri();
        this.headers = config.local().limits().headers().asLongValue();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(this.jsonBody);
    }

    void register(@Observes Router router) {
        // Before the server's own body limit, which answers a bare 413.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized)
                .failureHandler(this::chunkedTooLarge);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::readChunkedJson);
    }

    private void refuseOversized(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > uri) {
            refuse(rc, Problem.of(414, "URI_TOO_LONG", "URI too long",
                    "the request URI has more than " + uri + " characters"));
            return;
        }
        if (headerBytes(request.headers()) > headers) {
            refuse(rc, Problem.of(431, "HEADERS_TOO_LARGE", "Request header fields too large",
                    "the request headers have more than " + headers + " bytes"));
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = isUpload(request) ? uploadBody : jsonBody;
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                refuse(rc, Problem.of(400, "INVALID_REQUEST", "The request is not valid", "Content-Length is not a number"));
                return;
            }
            if (declared > limit) {
                refuse(rc, tooLarge(limit));
                return;
            }
        }
        rc.next();
    }

    /**
     * A chunked JSON body declares no length, so it is read here, counting, and refused as soon as it
     * passes the limit (REST would read it against the server's limit, an upload's, and answer a
     * bare 413). What was read, at most the limit, is the body the route then reads.
     */
    private void readChunkedJson(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (isUpload(request) || request.getHeader(HttpHeaders.CONTENT_LENGTH) != null || request.isEnded()) {
            rc.next();
            return;
        }
        String transfer = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (request.version() != HttpVersion.HTTP_2 && transfer != null && transfer.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            rc.put(CHUNKED_JSON, Boolean.TRUE);
            chunkedBodies.handle(rc);
            return;
        }
        // HTTP/2 frames a body without a length, and a request read here cannot be read again by REST
        // there: it is read by REST, held to this limit (answered 413 without a problem body).
        rc.put(io.quarkus.vertx.http.runtime.VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, jsonBody);
        rc.next();
    }

    private void chunkedTooLarge(RoutingContext rc) {
        if (rc.statusCode() == 413 && rc.get(CHUNKED_JSON) != null && !rc.response().headWritten()) {
            refuse(rc, tooLarge(jsonBody));
        } else {
            rc.next();
        }
    }

    static Problem tooLarge(long limit) {
        return Problem.of(413, "BODY_TOO_LARGE", "Request body too large",
                "the request body has more than " + limit + " bytes");
    }

    private static boolean isUpload(HttpServerRequest request) {
        return request.method() == HttpMethod.PUT && request.path() != null
                && request.path().startsWith(LocalArtifactStore.UPLOAD_ROUTE);
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return total;
    }

    /** The connection is closed after the answer: a client still sending a refused body is not read further. */
    static void refuse(RoutingContext rc, Problem problem) {
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
