package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder and everything in it end owner-only, whether new or left loose by an older version. */
class LocalDataFolderTest {

    @TempDir
    Path parent;

    @Test
    void aNewFolderIsCreatedOwnerOnly() throws Exception {
        Path data = parent.resolve("new/.tollgate");
        LocalDataFolder.secure(data);
        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(data.getParent()));
    }

    @Test
    void aLooseFolderAndEverythingInItAreTightened() throws Exception {
        Path data = Files.createDirectories(parent.resolve("old"));
        Path tables = Files.createDirectories(data.resolve("dynamodb/deeper"));
        Files.writeString(data.resolve("keyring.json"), "{}");
        Files.writeString(tables.resolve("shared-local-instance.db"), "");
        for (Path path : new Path[] {data, data.resolve("dynamodb"), tables}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Files.setPosixFilePermissions(data.resolve("keyring.json"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(tables.resolve("shared-local-instance.db"), PosixFilePermissions.fromString("rw-rw-rw-"));

        LocalDataFolder.secure(data);

        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(data)) {
            all.forEach(p -> modes.put(data.relativize(p).toString(), mode(p)));
        }
        assertEquals(Map.of("", "rwx------", "dynamodb", "rwx------", "dynamodb/deeper", "rwx------",
                "dynamodb/deeper/shared-local-instance.db", "rw-------", "keyring.json", "rw-------"), modes);
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
