package dev.tollgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.lang.reflect.Proxy;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where a request's id comes from: API Gateway, else the Lambda invocation, else a fresh one. */
class RequestIdsTest {

    static HttpServerRequest requestWith(MultiMap headers) {
        return (HttpServerRequest) Proxy.newProxyInstance(RequestIdsTest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class},
                (proxy, method, args) -> method.getName().equals("headers") ? headers : null);
    }

    static Context lambda(String awsRequestId) {
        return (Context) Proxy.newProxyInstance(RequestIdsTest.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? awsRequestId : null);
    }

    static APIGatewayV2HTTPEvent.RequestContext apiGateway(String requestId) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(requestId);
        return context;
    }

    @Test
    void apiGatewaysIdComesFirst() {
        QuarkusHttpHeaders headers = new QuarkusHttpHeaders();
        headers.setContextObject(APIGatewayV2HTTPEvent.RequestContext.class, apiGateway("Ck2bHhK6joEEMyQ="));
        headers.setContextObject(Context.class, lambda("5f3c0a1e-0d9b-4c1e-9a47-0c4f6b1d2e3a"));
        assertEquals("Ck2bHhK6joEEMyQ=", RequestLog.requestIdOf(requestWith(headers)));
    }

    @Test
    void thenTheLambdaInvocationsId() {
        QuarkusHttpHeaders headers = new QuarkusHttpHeaders();
        headers.setContextObject(APIGatewayV2HTTPEvent.RequestContext.class, apiGateway(null));
        headers.setContextObject(Context.class, lambda("5f3c0a1e-0d9b-4c1e-9a47-0c4f6b1d2e3a"));
        assertEquals("5f3c0a1e-0d9b-4c1e-9a47-0c4f6b1d2e3a", RequestLog.requestIdOf(requestWith(headers)));
    }

    @Test
    void elseAFreshOneAsOnTheLocalRuntime() {
        String first = RequestLog.requestIdOf(requestWith(MultiMap.caseInsensitiveMultiMap()));
        String second = RequestLog.requestIdOf(requestWith(new QuarkusHttpHeaders()));
        UUID.fromString(first);
        UUID.fromString(second);
        assertNotEquals(first, second);
    }

    @Test
    void anIdThatCouldForgeALogLineIsNotTaken() {
        QuarkusHttpHeaders headers = new QuarkusHttpHeaders();
        headers.setContextObject(APIGatewayV2HTTPEvent.RequestContext.class, apiGateway("abc\n{\"level\":\"INFO\"}"));
        UUID.fromString(RequestLog.requestIdOf(requestWith(headers)));
    }
}
