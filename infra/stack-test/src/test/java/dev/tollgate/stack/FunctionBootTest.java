package dev.tollgate.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Each function refuses to boot without each variable it needs, with a message naming that
 * variable: a deploy that forgets one fails at its start, where an operator sees it, not later on
 * every request. That each boots with exactly the template's variables, StackLifecycleTest shows.
 * Only the application's settings are taken away (TOLLGATE_*, MP_JWT_*), not the JVM's options.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionBootTest {

    static final Duration BOOT = Duration.ofSeconds(120);

    /**
     * Variables with a default of the privacy promise or of the deployment shape: without one a
     * function starts on the default (the template sets them so an operator can change them).
     */
    static final Set<String> DEFAULTED = Set.of("TOLLGATE_LEASE_TTL", "TOLLGATE_LEASE_GRACE",
            "TOLLGATE_UPDATES_URL_TTL", "TOLLGATE_ARTIFACTS_PREFIX", "TOLLGATE_ARTIFACTS_UPLOAD_PREFIX",
            // The lease signer defaults to memory, which never reads the KMS signing key's id (LeaseSigner=kms does).
            "TOLLGATE_LEASE_SIGNER", "TOLLGATE_KMS_LEASE_SIGNING_KEY_ID",
            // Without it the answer waits (at most max-wait) for the startup's send instead of leaving it to the tail.
            "TOLLGATE_STARTUP_LOG_FINISH");

    Deployment deployment;
    MotoStack stack;

    @BeforeAll
    void deploy() {
        deployment = Deployment.first().wrapDigestSecretAndRedeploy();
        stack = deployment.stack;
    }

    @AfterAll
    void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionRefusesToBootWithoutEachVariableItNeedsAndNamesIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SamTemplate.Function function : stack.template().functions()) {
            String id = function.logicalId();
            for (String variable : function.environment().keySet()) {
                if (!variable.startsWith("TOLLGATE_") && !variable.startsWith("MP_JWT_")) {
                    continue;
                }
                if (DEFAULTED.contains(variable)) {
                    tests.add(DynamicTest.dynamicTest(id + " boots on the default without " + variable, () -> {
                        try (PackagedFunction running = stack.launchWithout(id, variable)) {
                            awaitBoot(running);
                        }
                    }));
                } else {
                    tests.add(DynamicTest.dynamicTest(id + " refuses to boot without " + variable, () -> {
                        try (PackagedFunction running = stack.launchWithout(id, variable)) {
                            PackagedFunction.InitFailure failure = running.awaitInitFailure(BOOT);
                            assertEquals(Optional.of("Runtime.BadFunctionCode"), failure.errorType(), failure.toString());
                            assertTrue(running.stdout().stream().anyMatch(l -> l.contains(variable + " is not set")),
                                    id + " did not name " + variable + ": " + tail(running.stdout()));
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static void awaitBoot(PackagedFunction running) {
        running.awaitBoot(BOOT);
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
