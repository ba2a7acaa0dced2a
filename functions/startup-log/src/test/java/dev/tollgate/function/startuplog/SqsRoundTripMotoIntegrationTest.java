package dev.tollgate.function.startuplog;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.embedded.MotoServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SQS round trip against moto_server; skipped where it is not installed ({@code pip install "moto[server]"}). */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class SqsRoundTripMotoIntegrationTest extends SqsRoundTripContract {

    static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.startOrSkip();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    URI endpoint() {
        return moto.endpoint();
    }

    @Override
    String region() {
        return MotoServer.REGION;
    }

    @Override
    String accessKey() {
        return MotoServer.CREDENTIALS.resolveCredentials().accessKeyId();
    }

    @Override
    String secretKey() {
        return MotoServer.CREDENTIALS.resolveCredentials().secretAccessKey();
    }
}
