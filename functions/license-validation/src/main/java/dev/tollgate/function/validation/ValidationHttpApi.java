package dev.tollgate.function.validation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapters.lambda.LambdaAnswerTail;
import dev.tollgate.http.ProblemAnswers;
import dev.tollgate.http.ProblemException;
import dev.tollgate.http.RequestLine;
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
import java.util.Map;
import java.util.Optional;
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
    private final Optional<LambdaAnswerTail> tail;

    @Inject
    public ValidationHttpApi(ValidateLicenseRoute validate, JwksRoute jwks, ObjectMapper json, Instance<Outages> outages,
                             TollgateConfig config, Instance<LambdaAnswerTail> tails) {
        // With finish=after-answer, a startup's send finishes once the invocation is answered, not before.
        this(validate, jwks, json, outages, config.startupLog().finish() == TollgateConfig.StartupLogConfig.SendsFinish.AFTER_ANSWER
                ? Optional.of(tails.get()) : Optional.empty());
    }

    ValidationHttpApi(ValidateLicenseRoute validate, JwksRoute jwks, ObjectMapper json, Iterable<? extends Outages> outages,
                      Optional<LambdaAnswerTail> tail) {
        this.validate = validate;
        this.jwks = jwks;
        this.json = json;
        this.outages = outages;
        this.tail = tail;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        APIGatewayV2HTTPEvent.RequestContext request = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = request == null ? null : request.getHttp();
        String method = http == null ? null : http.getMethod();
        String lambdaId = context == null ? null : context.getAwsRequestId();
        String requestId = RequestLine.idFrom(request == null ? null : request.getRequestId(), lambdaId);
        String route = routeOf(event.getRawPath());
        APIGatewayV2HTTPResponse response;
        MDC.put(RequestLine.REQUEST_ID, requestId);
        try {
            RouteAnswer answer;
            try {
                answer = answer(route, method, event, http);
            } catch (RuntimeException e) {
                answer = problem(ProblemAnswers.of(e, outages, requestId));
            }
            response = write(answer, requestId);
        } finally {
            MDC.remove(RequestLine.REQUEST_ID);
        }
        RequestLine.write(requestId, method, route, response.getStatusCode(), (System.nanoTime() - start) / 1_000_000);
        if (RequestLine.isSafe(lambdaId)) {
            tail.ifPresent(t -> t.answered(lambdaId));
        }
        return response;
    }

    private static String routeOf(String path) {
        return ValidateLicenseRoute.PATH.equals(path) || JwksRoute.PATH.equals(path) ? path : RequestLine.UNMATCHED;
    }

    private RouteAnswer answer(String route, String method, APIGatewayV2HTTPEvent event, APIGatewayV2HTTPEvent.RequestContext.Http http) {
        return switch (route) {
            case ValidateLicenseRoute.PATH -> "POST".equals(method)
                    ? validate.answer(body(event), http == null ? null : http.getSourceIp())
                    : problem(ProblemAnswers.Answer.of(ProblemAnswers.refused(405)));
            case JwksRoute.PATH -> "GET".equals(method)
                    ? jwks.answer()
                    : problem(ProblemAnswers.Answer.of(ProblemAnswers.refused(405)));
            default -> problem(ProblemAnswers.Answer.of(ProblemAnswers.refused(404)));
        };
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

    private static RouteAnswer problem(ProblemAnswers.Answer answer) {
        return new RouteAnswer(answer.problem().status(), answer.headers(), answer.problem());
    }

    private APIGatewayV2HTTPResponse write(RouteAnswer answer, String requestId) {
        String body;
        try {
            body = json.writeValueAsString(answer.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return write(problem(ProblemAnswers.Answer.of(ProblemAnswers.unexpected(e, requestId))), requestId);
        }
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("Content-Type", answer.contentType());
        headers.put(RequestLine.HEADER, requestId);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(answer.status()).withHeaders(headers)
                .withBody(body).withIsBase64Encoded(false).build();
    }
}
