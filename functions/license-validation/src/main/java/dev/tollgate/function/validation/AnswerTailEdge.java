package dev.tollgate.function.validation;

import dev.tollgate.adapters.lambda.LambdaAnswerTail;
import dev.tollgate.http.RequestLog;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Tells the answer tail when an invocation has been answered, so a startup send finishes after the
 * answer instead of before it ({@code tollgate.startup-log.finish=after-answer}, the template's
 * setting on Lambda). Every request is marked, whichever route or error answered it, or the tail
 * would hold that invocation open until its deadline.
 */
@Singleton
public class AnswerTailEdge {

    // Below RequestLog's 10,000: its line is written first, then the invocation is marked answered.
    private static final int PRIORITY = 9_000;

    private final Optional<LambdaAnswerTail> tail;

    public AnswerTailEdge(TollgateConfig config, Instance<LambdaAnswerTail> tails) {
        this.tail = config.startupLog().finish() == TollgateConfig.StartupLogConfig.SendsFinish.AFTER_ANSWER
                ? Optional.of(tails.get()) : Optional.empty();
    }

    void register(@Observes Filters filters) {
        tail.ifPresent(t -> filters.register(rc -> {
            RequestLog.lambdaInvocationId(rc.request()).ifPresent(id -> {
                rc.addHeadersEndHandler(v -> t.answered(id));
                rc.addEndHandler(v -> t.answered(id));
            });
            rc.next();
        }, PRIORITY));
    }
}
