package dev.tollgate.adapters.lambda;

import dev.tollgate.wiring.Settings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The answer tail of a function on Lambda. Made only when asked for (with
 * {@code tollgate.startup-log.finish=after-answer}), which happens while the function starts, inside
 * Lambda's init phase, the only time an extension may register.
 */
@Singleton
public class LambdaWiring {

    static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

    @Produces
    @Singleton
    LambdaAnswerTail answerTail() {
        String api = Optional.ofNullable(System.getenv(RUNTIME_API)).filter(v -> v.matches("[A-Za-z0-9.:\\[\\]-]{1,255}"))
                .orElseThrow(() -> new Settings.Refused(RUNTIME_API + " is not set: tollgate.startup-log.finish=after-answer"
                        + " works on AWS Lambda only; elsewhere use before-answer ("
                        + Settings.envName("tollgate.startup-log.finish") + ")"));
        return LambdaAnswerTail.register(api);
    }

    void close(@Disposes LambdaAnswerTail tail) {
        tail.close();
    }
}
