package dev.tollgate.embedded;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool some tests need (moto_server, cfn-lint), looked up on the PATH. Where it is
 * missing, a test skips, saying so in one line, on a developer's machine; under {@code CI=true} the
 * test fails instead, because there a skip would hide a broken feature.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Returns the tool's path, or skips (fails under CI) the calling test. */
    public static Path require(String tool, String install) {
        Optional<Path> found = find(tool);
        if (found.isPresent()) {
            return found.get();
        }
        String why = tool + " is not on the PATH (" + install + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true: " + why + "; these tests must run in CI");
        }
        System.err.println("SKIPPED: " + why + "; tests that need it skip");
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }
}
