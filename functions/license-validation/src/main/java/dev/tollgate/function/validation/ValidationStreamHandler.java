package dev.tollgate.function.validation;

import com.amazonaws.services.lambda.runtime.Context;
import dev.tollgate.adapters.lambda.ClassPreloader;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The JVM build's Lambda handler (the template's {@code Handler}): Quarkus's own, with the classes of
 * a cold start loaded on a second thread while Quarkus boots ({@link ClassPreloader}). It does not
 * implement {@code RequestStreamHandler}: the Lambda extension would take it for a second handler,
 * and AWS's runtime calls a method of this signature all the same. The native build does not use it.
 */
public final class ValidationStreamHandler {

    static {
        ClassPreloader.start(ValidationStreamHandler.class.getClassLoader());
    }

    private final QuarkusStreamHandler quarkus = new QuarkusStreamHandler();

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        quarkus.handleRequest(input, output, context);
    }
}
