package dev.tollgate.function.startuplog;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same SQS round trip against LocalStack via Testcontainers, where a Docker engine runs;
 * skipped cleanly elsewhere. The image is pinned to a release that needs no auth token.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class SqsRoundTripLocalStackIntegrationTest extends SqsRoundTripContract {

    static LocalStackContainer localstack;

    @BeforeAll
    static void startLocalStack() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine");
        localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices("sqs");
        localstack.start();
    }

    @AfterAll
    static void stopLocalStack() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Override
    URI endpoint() {
        return localstack.getEndpoint();
    }

    @Override
    String region() {
        return localstack.getRegion();
    }

    @Override
    String accessKey() {
        return localstack.getAccessKey();
    }

    @Override
    String secretKey() {
        return localstack.getSecretKey();
    }
}
