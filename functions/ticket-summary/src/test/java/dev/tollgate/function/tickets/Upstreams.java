package dev.tollgate.function.tickets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock on a loopback port standing in for Zendesk ({@code /zendesk/<subdomain>}), Anthropic
 * ({@code /anthropic}), OpenAI ({@code /openai/v1}) and tenants' OpenAI-compatible servers
 * ({@code /compat/...}), pointed at by the operator settings a deployment would use.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(40).jettyAcceptors(2));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.of(
                "tollgate.zendesk.base-url", base + "/zendesk/{subdomain}",
                "tollgate.models.anthropic-base-url", base + "/anthropic",
                "tollgate.models.openai-base-url", base + "/openai/v1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer wiremock() {
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }
}
