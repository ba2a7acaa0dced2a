package dev.tollgate.function.purge;

import com.amazonaws.services.lambda.runtime.Context;
import dev.tollgate.retention.Deadline;
import java.time.Clock;
import java.time.Duration;

/** The invocation's deadline as the purge sees it. */
final class LambdaDeadline {

    /** Lambda allows 15 minutes at most; a longer or negative remainder means no deadline was sent. */
    private static final int MAX_MILLIS = 15 * 60 * 1000;

    private LambdaDeadline() {
    }

    /**
     * Lambda's remaining time when the runtime sent a deadline; otherwise {@code fallback} from now.
     * Quarkus's mock event server (tests) sends none, and its context then answers nonsense.
     */
    static Deadline of(Context context, Duration fallback, Clock clock) {
        int remaining = context == null ? -1 : context.getRemainingTimeInMillis();
        if (remaining <= 0 || remaining > MAX_MILLIS) {
            return Deadline.after(fallback, clock);
        }
        return () -> Duration.ofMillis(context.getRemainingTimeInMillis());
    }
}
