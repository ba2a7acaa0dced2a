package dev.tollgate.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link DynamoDbLocalTestResource} with a {@link FaultyEndpoint} between the app and DynamoDB Local,
 * injected into the test's {@code FaultyEndpoint} field so the test can stop, stall or throttle the
 * table. The test's own raw reads ({@link #ENDPOINT_PROPERTY}) still go straight to DynamoDB Local.
 */
public class FaultyDynamoDbTestResource extends DynamoDbLocalTestResource {

    private FaultyEndpoint faults;

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(super.start());
        URI direct = URI.create(System.getProperty(ENDPOINT_PROPERTY));
        faults = FaultyEndpoint.inFrontOf(direct.getHost(), direct.getPort());
        settings.put("quarkus.dynamodb.endpoint-override", faults.endpoint());
        return settings;
    }

    @Override
    public void inject(QuarkusTestResourceLifecycleManager.TestInjector injector) {
        injector.injectIntoFields(faults, new QuarkusTestResourceLifecycleManager.TestInjector.MatchesType(FaultyEndpoint.class));
    }

    @Override
    public void stop() {
        if (faults != null) {
            faults.close();
        }
        super.stop();
    }
}
