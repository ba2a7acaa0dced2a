package dev.tollgate.http;

import dev.tollgate.http.core.RequestLine;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;

/**
 * Tells the request log which JAX-RS path template a request matched, e.g.
 * {@code /v1/admin/licenses/{digest}/suspend}: a route name for logs that holds no digest, key or
 * tenant id. A response filter, so it also runs for answers built by exception mappers; a request
 * no resource method matched is {@value RequestLine#UNMATCHED}.
 */
public class MatchedRoutes {

    private static final Map<RuntimeResource, String> TEMPLATES = new ConcurrentHashMap<>();

    @ServerResponseFilter
    public void remember() {
        // The filter's ContainerRequestContext parameter is a wrapper; the current request is not.
        ResteasyReactiveRequestContext context = CurrentRequestManager.get();
        RoutingContext rc = context == null ? null : context.unwrap(RoutingContext.class);
        if (rc != null) {
            RuntimeResource target = context.getTarget();
            rc.put(RequestLog.ROUTE_KEY, target == null ? RequestLine.UNMATCHED
                    : TEMPLATES.computeIfAbsent(target, t -> templateOf(context.getDeployment().getPrefix(), t)));
        }
    }

    static String templateOf(String prefix, RuntimeResource target) {
        String template = (prefix == null ? "" : prefix)
                + (target.getClassPath() == null ? "" : target.getClassPath().template)
                + (target.getPath() == null ? "" : target.getPath().template);
        template = template.replaceAll("/{2,}", "/");
        if (template.length() > 1 && template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
        return template.isEmpty() ? "/" : template;
    }
}
