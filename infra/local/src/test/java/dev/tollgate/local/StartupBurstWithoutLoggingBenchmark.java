package dev.tollgate.local;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The same burst with {@code tollgate.local.record-startups=false}: the baseline for the trail's cost. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
@TestProfile(StartupBurstWithoutLoggingBenchmark.LoggingOff.class)
class StartupBurstWithoutLoggingBenchmark extends StartupBurstBenchmark {

    @Override
    String label() {
        return "startup trail OFF (record-startups=false)";
    }

    @Override
    boolean loggingOn() {
        return false;
    }

    public static class LoggingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tollgate.local.record-startups", "false");
        }
    }
}
