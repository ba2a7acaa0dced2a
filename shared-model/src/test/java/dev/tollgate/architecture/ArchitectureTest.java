package dev.tollgate.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain does not import the AWS SDK: only adapters (named for the AWS service they speak) and
 * the wiring that chooses them may. Checked on the sources, so a new file cannot slip past.
 */
class ArchitectureTest {

    static final Path MAIN = Path.of("src/main/java/dev/tollgate");

    @Test
    void onlyAdaptersAndWiringImportTheAwsSdk() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(ArchitectureTest::importsAwsSdk)
                    .filter(f -> !isAdapterOrWiring(f))
                    .map(Path::toString)
                    .toList();
        }
        assertTrue(offenders.isEmpty(), "domain classes importing the AWS SDK: " + offenders);
    }

    @Test
    void theCheckSeesTheAdapters() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            assertTrue(files.anyMatch(f -> f.endsWith("DynamoLicenseStore.java") && importsAwsSdk(f)));
        }
    }

    static boolean isAdapterOrWiring(Path file) {
        String name = file.getFileName().toString();
        return name.matches("(Dynamo|Kms|Sqs|S3)[A-Z].*\\.java") || file.getParent().endsWith("wiring");
    }

    static boolean importsAwsSdk(Path file) {
        try {
            return Files.readString(file).contains("import software.amazon.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
