package dev.tollgate.function.validation;

import dev.tollgate.embedded.MotoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Points the function's own SQS client at moto_server and configures validation exactly as the SAM
 * template does (publisher=sqs, a queue URL). Where moto_server is absent it configures nothing and
 * the test using it skips itself.
 */
public class MotoSqsTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String QUEUE_URL_PROPERTY = "moto-sqs.test-queue-url";
    public static final String ENDPOINT_PROPERTY = "moto-sqs.test-endpoint";

    private MotoServer moto;

    @Override
    public Map<String, String> start() {
        if (!MotoServer.isAvailable()) {
            return Map.of();
        }
        moto = MotoServer.start();
        String queueUrl;
        try (SqsClient sqs = client(moto.endpointText())) {
            queueUrl = sqs.createQueue(r -> r.queueName("tollgate-startups")).queueUrl();
        }
        System.setProperty(QUEUE_URL_PROPERTY, queueUrl);
        System.setProperty(ENDPOINT_PROPERTY, moto.endpointText());
        var credentials = MotoServer.CREDENTIALS.resolveCredentials();
        return Map.of(
                "quarkus.sqs.endpoint-override", moto.endpointText(),
                "quarkus.sqs.aws.region", MotoServer.REGION,
                "quarkus.sqs.aws.credentials.type", "static",
                "quarkus.sqs.aws.credentials.static-provider.access-key-id", credentials.accessKeyId(),
                "quarkus.sqs.aws.credentials.static-provider.secret-access-key", credentials.secretAccessKey(),
                "tollgate.startup-log.publisher", "sqs",
                "tollgate.startup-log.queue-url", queueUrl);
    }

    public static SqsClient client(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(java.net.URI.create(endpoint))
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(MotoServer.CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.close();
            System.clearProperty(QUEUE_URL_PROPERTY);
            System.clearProperty(ENDPOINT_PROPERTY);
        }
    }
}
