package dev.tollgate.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.tollgate.http.core.RequestLine;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * One log line per request ({@link RequestLine}) for the Vert.x edges. Every request gets an id,
 * returned in {@code X-Request-Id} and put in the MDC so each line the request logs carries it.
 *
 * <p>A Vert.x filter, so it sees every request on Lambda (the HTTP handler feeds the same router)
 * and on the local runtime alike, including those answered by exception mappers or by no JAX-RS
 * resource at all. The line is written as the response headers go out: the status is known then,
 * and on Lambda the line is written before the invocation returns.
 */
@ApplicationScoped
public class RequestLog {

    static final String ROUTE_KEY = "tollgate.route";
    private static final String REQUEST_ID_KEY = "tollgate.requestId";

    // Filters with a higher priority run first: registered early, the log sees what later filters
    // and routes answer.
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(RequestLog::begin, PRIORITY);
    }

    static void begin(RoutingContext rc) {
        long start = System.nanoTime();
        String id = requestIdOf(rc.request());
        rc.put(REQUEST_ID_KEY, id);
        if (VertxContext.isOnDuplicatedContext()) {
            // The request's own context: every line logged while serving it carries the id.
            MDC.put(RequestLine.REQUEST_ID, id);
        }
        AtomicBoolean written = new AtomicBoolean();
        rc.addHeadersEndHandler(v -> {
            rc.response().headers().set(RequestLine.HEADER, id);
            finish(rc, id, start, written);
        });
        // A response whose headers never went out (the client went away) still leaves its line.
        rc.addEndHandler(v -> finish(rc, id, start, written));
        rc.next();
    }

    private static void finish(RoutingContext rc, String id, long start, AtomicBoolean written) {
        if (!written.compareAndSet(false, true)) {
            return;
        }
        int status = rc.response().getStatusCode();
        RequestLine.write(id, rc.request().method().name(), routeOf(rc, status), status,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String routeOf(RoutingContext rc, int status) {
        String template = rc.get(ROUTE_KEY); // set by MatchedRoutes for JAX-RS requests
        if (template != null) {
            return template;
        }
        if (status == 404) {
            return RequestLine.UNMATCHED;
        }
        Route route = rc.currentRoute(); // a plain Vert.x route (/q/openapi): its declared path
        return route != null && route.getPath() != null ? route.getPath() : RequestLine.UNMATCHED;
    }

    /** API Gateway's request id on Lambda, else the Lambda request id, else a fresh one. */
    static String requestIdOf(HttpServerRequest request) {
        String apiGateway = null;
        if (request.headers() instanceof QuarkusHttpHeaders quarkus && quarkus.getContextObjects() != null) {
            Map<Class<?>, Object> lambda = quarkus.getContextObjects();
            if (lambda.get(APIGatewayV2HTTPEvent.RequestContext.class) instanceof APIGatewayV2HTTPEvent.RequestContext c) {
                apiGateway = c.getRequestId();
            } else if (lambda.get(APIGatewayV2HTTPEvent.class) instanceof APIGatewayV2HTTPEvent event
                    && event.getRequestContext() != null) {
                apiGateway = event.getRequestContext().getRequestId();
            }
        }
        return RequestLine.idFrom(apiGateway, lambdaInvocationId(request).orElse(null));
    }

    /** Lambda's id of the invocation that carried {@code request}; empty off Lambda. */
    public static Optional<String> lambdaInvocationId(HttpServerRequest request) {
        if (request.headers() instanceof QuarkusHttpHeaders quarkus && quarkus.getContextObjects() != null
                && quarkus.getContextObjects().get(Context.class) instanceof Context invocation) {
            return Optional.ofNullable(invocation.getAwsRequestId()).filter(RequestLine::isSafe);
        }
        return Optional.empty();
    }


    /** The id of the request being served on this thread, or null outside a request. */
    public static String currentRequestId() {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        if (request != null) {
            RoutingContext rc = request.unwrap(RoutingContext.class);
            if (rc != null && rc.get(REQUEST_ID_KEY) instanceof String id) {
                return id;
            }
        }
        Object id = MDC.get(RequestLine.REQUEST_ID);
        return id == null ? null : id.toString();
    }

}
