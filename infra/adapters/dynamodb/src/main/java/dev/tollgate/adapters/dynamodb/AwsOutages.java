package dev.tollgate.adapters.dynamodb;

import dev.tollgate.outcome.Outages;
import dev.tollgate.outcome.Unavailable;
import dev.tollgate.outcome.Unavailable.Dependency;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An AWS call that found no one (connection refused or reset), ran out of time, was throttled, or got
 * a 5xx is an outage: 503, and the caller retries. Anything else (a validation error, a missing table,
 * access denied) is a fault of ours and stays a 500. Every function with a table carries this module,
 * so one classifier serves the AWS clients of all of them; the dependency is named by the client that failed.
 */
@Singleton
public class AwsOutages implements Outages {

    private final TollgateConfig config;

    public AwsOutages(TollgateConfig config) {
        this.config = config;
    }

    @Override
    public Optional<Unavailable> recognise(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Unavailable known) {
                return Optional.of(known);
            }
            if (isOutage(t)) {
                return Optional.of(new Unavailable(dependencyOf(t), config.store().retryAfter(), t));
            }
        }
        return Optional.empty();
    }

    public static boolean isOutage(Throwable t) {
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (t instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return t instanceof SdkClientException && t.getCause() instanceof IOException;
    }

    /** Which client threw it, read from the stack: the SDK's exceptions do not name their service when no answer came. */
    private static Dependency dependencyOf(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("software.amazon.awssdk.services.kms.")) {
                return Dependency.KEYS;
            }
        }
        return Dependency.STORE;
    }
}
