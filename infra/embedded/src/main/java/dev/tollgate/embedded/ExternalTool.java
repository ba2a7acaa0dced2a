package dev.tollgate.embedded;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A test's need for a program that is not Java (moto_server, cfn-lint...). On a user's machine a
 * missing tool is a clean skip with one line saying how to install it; in CI ({@code CI=true}, set
 * by GitHub Actions, GitLab and most others) it is a failure, so a missing tool can never hide a
 * broken feature behind a green build.
 */
public final class ExternalTool {

    /** One notice per tool and JVM: a skipped class of twenty tests should not print twenty lines. */
    private static final Set<String> NOTIFIED = ConcurrentHashMap.newKeySet();

    private ExternalTool() {
    }

    /**
     * The tool's path if {@code name} is an executable on the PATH; otherwise fails the test in CI
     * and aborts it (a skip) elsewhere.
     *
     * @param installHint how to get the tool, e.g. {@code pip install "moto[server]"}
     */
    public static Path require(String name, String installHint) {
        Optional<Path> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not on the PATH; install it with: " + installHint;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing tool fails the build instead of skipping tests)");
        }
        if (NOTIFIED.add(name)) {
            System.err.println("SKIPPED: " + message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable: Assumptions.abort throws");
    }

    /** The tool's path, if an executable of that name is on the PATH. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
