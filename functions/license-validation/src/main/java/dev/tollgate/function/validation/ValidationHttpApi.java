package dev.tollgate.function.validation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapters.lambda.LambdaAnswerTail;
import dev.tollgate.http.core.Problem;
import dev.tollgate.http.core.ProblemAnswers;
import dev.tollgate.http.core.ProblemException;
import dev.tollgate.http.core.RequestLine;
import dev.tollgate.outcome.Outages;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.MDC;

/**
 * The function's edge on Lambda: API Gateway's HTTP API event (payload 2.0) in, its response out,
 * for the function's two routes, without a web framework between them. Quarkus's HTTP bridge
 * (Vert.x, Netty, RESTEasy) cost the cold start more than all the rest of the function's start
 * together; the local runtime serves the same routes ({@link ValidateLicenseRoute}, {@link JwksRoute})
 * behind JAX-RS. Every request leaves its one log line ({@link RequestLine}) and an id in
 * {@code X-Request-Id}; every failure is problem+json ({@link ProblemAnswers}), an unexpected one
 * with the request id to quote. Built when the function starts, with the routes: the answer tail
 * registers as a Lambda extension, which Lambda allows only then. The local runtime leaves it out.
 */
@Named("validation")
@Singleton
@Startup
public class ValidationHttpApi implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ValidateLicenseRoute validate;
    private final JwksRoute jwks;
    private final ObjectMapper json;
    private final Iterable<? extends Outages> outages;
    private final Consumer<String> answered;

    @Inject
    public ValidationHttpApi(ValidateLicenseRoute validate, JwksRoute jwks, ObjectMapper json, Instance<Outages> outages,
                             TollgateConfig config, Instance<LambdaAnswerTail> tails) {
        // With finish=after-answer, a startup's send finishes once the invocation is answered, not before.
        this(validate, jwks, json, outages, config.startupLog().finish() == TollgateConfig.StartupLogConfig.SendsFinish.AFTER_ANSWER
                ? tails.get()::answered : invocationId -> { });
    }

    /** {@code answered} is told each invocation's id once it is answered, however it was. */
    ValidationHttpApi(ValidateLicenseRoute validate, JwksRoute jwks, ObjectMapper json, Iterable<? extends Outages> outages,
                      Consumer<String> answered) {
        this.validate = validate;
        this.jwks = jwks;
        this.json = json;
        this.outages = outages;
        this.answered = answered;
    }

    /**
     * Never throws: whatever fails becomes an answer (a Throwable escaping would leave Lambda's poll
     * loop without an answer to post), and the line and the tail's mark follow every answer.
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        APIGatewayV2HTTPEvent in = event == null ? new APIGatewayV2HTTPEvent() : event;
        APIGatewayV2HTTPEvent.RequestContext request = in.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = request == null ? null : request.getHttp();
        String method = http == null ? null : http.getMethod();
        String lambdaId = context == null ? null : context.getAwsRequestId();
        String requestId = RequestLine.idFrom(request == null ? null : request.getRequestId(), lambdaId);
        String route = routeOf(in);
        APIGatewayV2HTTPResponse response;
        MDC.put(RequestLine.REQUEST_ID, requestId);
        try {
            response = write(answer(route, method, in, http, requestId), requestId);
        } catch (Throwable e) {
            response = lastResort(e, requestId);
        } finally {
            MDC.remove(RequestLine.REQUEST_ID);
        }
        try {
            RequestLine.write(requestId, method, route, response.getStatusCode(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException lineNotWritten) {
            // The caller's answer matters more than its log line.
        }
        if (RequestLine.isSafe(lambdaId)) {
            answered.accept(lambdaId);
        }
        return response;
    }

    /**
     * The route API Gateway matched ({@code routeKey}, "POST /v1/licenses/validate", whatever the
     * stage or custom domain added to the path), else the raw path; anything else is unmatched, and
     * a raw path is never logged.
     */
    private static String routeOf(APIGatewayV2HTTPEvent event) {
        String routeKey = event.getRouteKey();
        String matched = routeKey == null || routeKey.indexOf(' ') < 0 ? null : routeKey.substring(routeKey.indexOf(' ') + 1);
        for (String path : new String[] {matched, event.getRawPath()}) {
            if (ValidateLicenseRoute.PATH.equals(path) || JwksRoute.PATH.equals(path)) {
                return path;
            }
        }
        return RequestLine.UNMATCHED;
    }

    private RouteAnswer answer(String route, String method, APIGatewayV2HTTPEvent event,
                               APIGatewayV2HTTPEvent.RequestContext.Http http, String requestId) {
        try {
            if (route.equals(RequestLine.UNMATCHED)) {
                return refused(404);
            }
            if (!(route.equals(ValidateLicenseRoute.PATH) ? "POST" : "GET").equals(method)) {
                return refused(405);
            }
            if (!acceptsJson(event.getHeaders())) {
                return refused(406);
            }
            return route.equals(ValidateLicenseRoute.PATH)
                    ? validate.answer(body(event), http == null ? null : http.getSourceIp())
                    : jwks.answer();
        } catch (Throwable e) {
            return problem(ProblemAnswers.of(e, outages, requestId));
        }
    }

    /** Both routes answer JSON: an Accept header that rules it out is refused, as JAX-RS refuses it locally. */
    static boolean acceptsJson(Map<String, String> headers) {
        String accept = headers == null ? null : headers.get("accept"); // HTTP API events carry lower-case names
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*") || type.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("the body is marked base64 but is not valid base64");
        }
    }

    private static RouteAnswer refused(int status) {
        return problem(ProblemAnswers.Answer.of(ProblemAnswers.refused(status).orElseThrow()));
    }

    private static RouteAnswer problem(ProblemAnswers.Answer answer) {
        return new RouteAnswer(answer.problem().status(), answer.headers(), answer.problem());
    }

    private APIGatewayV2HTTPResponse write(RouteAnswer answer, String requestId) throws JsonProcessingException {
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("Content-Type", answer.contentType());
        headers.put(RequestLine.HEADER, requestId);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(answer.status()).withHeaders(headers)
                .withBody(json.writeValueAsString(answer.body())).withIsBase64Encoded(false).build();
    }

    /** When even the answer could not be written: a 500 built by hand, the request id its only detail. */
    private static APIGatewayV2HTTPResponse lastResort(Throwable failure, String requestId) {
        try {
            ProblemAnswers.unexpected(failure, requestId); // its line, under the id the caller gets
        } catch (RuntimeException lineNotWritten) {
            // Nothing left to tell it with.
        }
        // The id is one RequestLine.isSafe accepts or a UUID: nothing in it needs escaping in JSON.
        String body = "{\"type\":\"urn:tollgate:problem:internal-error\",\"title\":\"Internal error\",\"status\":500,"
                + "\"detail\":\"the request failed; quote errorId " + requestId + " when reporting it\","
                + "\"code\":\"INTERNAL_ERROR\",\"errorId\":\"" + requestId + "\"}";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE, RequestLine.HEADER, requestId))
                .withBody(body).withIsBase64Encoded(false).build();
    }
}
