package dev.tollgate.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The README's stand-ins, from the files it ships (infra/local/wiremock): a Zendesk-shaped server
 * and an OpenAI-compatible model server, with the local runtime's Zendesk base URL pointed at it.
 */
public class LocalStandIns implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .usingFilesUnderDirectory("wiremock"));
        server.start();
        return Map.of("tollgate.zendesk.base-url", baseUrl() + "/zendesk/{subdomain}");
    }

    static String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
