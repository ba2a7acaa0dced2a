package dev.tollgate.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeLibraryJarsTest {

    @TempDir
    Path dir;

    @Test
    void theLibraryJarsBecomeOneJarThatReadsAsTheClassPathDid() throws IOException {
        // Written out of name order: the runtime searches lib/ by name, so a.jar comes first.
        Path zip = zip(Map.of(
                "application.properties", "tollgate.x=1",
                "io/quarkus/runner/ApplicationImpl.class", "generated"),
                Map.of(
                        "lib/b.jar", jar(false, Map.of(
                                "p/Shared.class", "from b",
                                "p/OnlyB.class", "b",
                                "META-INF/services/p.Spi", "p.FromB\n",
                                "META-INF/microprofile-config.properties", "b.key=2\n",
                                "META-INF/LICENSE", "b licence")),
                        "lib/a.jar", jar(false, Map.of(
                                "p/Shared.class", "from a",
                                "META-INF/services/p.Spi", "p.FromA",
                                "META-INF/microprofile-config.properties", "a.key=1",
                                "META-INF/INDEX.LIST", "JarIndex-Version: 1.0",
                                "module-info.class", "module a",
                                "META-INF/LICENSE", "a licence")),
                        "lib/c.jar", jar(true, Map.of(
                                "q/Versioned.class", "base",
                                "META-INF/versions/11/q/Versioned.class", "java 11")),
                        "lib/d.jar", jar(false, Map.of(
                                "r/Plain.class", "plain",
                                "META-INF/versions/11/r/Plain.class", "never read: d.jar is not multi-release"))));
        byte[] rootBefore = read(zip, "io/quarkus/runner/ApplicationImpl.class");

        MergeLibraryJars.Merged merged = MergeLibraryJars.merge(zip);

        assertEquals(4, merged.jars());
        assertEquals(2, merged.collected(), "the service file and the config properties");
        assertEquals(List.of("application.properties", "io/quarkus/runner/ApplicationImpl.class", MergeLibraryJars.MERGED),
                names(zip), "the task root as it was, and one library jar");
        assertArrayEquals(rootBefore, read(zip, "io/quarkus/runner/ApplicationImpl.class"));

        Path jar = dir.resolve("libraries.jar");
        Files.write(jar, read(zip, MergeLibraryJars.MERGED));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals("from a", resource(loader, "p/Shared.class"), "the first jar in the runtime's order wins, as it did");
            assertEquals("b", resource(loader, "p/OnlyB.class"));
            assertEquals("p.FromA\np.FromB\n", resource(loader, "META-INF/services/p.Spi"), "every jar's providers, in order");
            assertEquals("a.key=1\nb.key=2\n", resource(loader, "META-INF/microprofile-config.properties"));
            assertEquals("a licence", resource(loader, "META-INF/LICENSE"));
            assertEquals(1, Collections.list(loader.getResources("META-INF/services/p.Spi")).size());
            assertEquals("lib/a.jar\nlib/b.jar\nlib/c.jar\nlib/d.jar\n", resource(loader, MergeLibraryJars.SOURCES));
            assertNull(loader.findResource("META-INF/INDEX.LIST"), "an index would name jars that are gone");
            assertNull(loader.findResource("module-info.class"));
        }
        try (JarFile versioned = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
            assertEquals("true", versioned.getManifest().getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
            assertEquals("java 11", text(versioned, "q/Versioned.class"), "a multi-release jar's classes stay versioned");
            assertEquals("plain", text(versioned, "r/Plain.class"), "a plain jar's versions folder stays unread");
        }
    }

    @Test
    void aKeySetByTwoJarsIsRefusedAndTheZipLeftAlone() throws IOException {
        Path zip = zip(Map.of("application.properties", ""), Map.of(
                "lib/a.jar", jar(false, Map.of("META-INF/microprofile-config.properties", "same.key=1")),
                "lib/b.jar", jar(false, Map.of("META-INF/microprofile-config.properties", "same.key=2"))));
        byte[] before = Files.readAllBytes(zip);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MergeLibraryJars.merge(zip));

        assertTrue(refused.getMessage().contains("same.key") && refused.getMessage().contains("lib/b.jar"), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(zip));
        assertEquals(List.of("function.zip"), list(dir), "no temporary file left behind");
    }

    @Test
    void aSignedJarIsRefused() throws IOException {
        Path zip = zip(Map.of(), Map.of(
                "lib/a.jar", jar(false, Map.of("p/A.class", "a")),
                "lib/signed.jar", jar(false, Map.of("p/S.class", "s", "META-INF/SIGNER.SF", "Signature-Version: 1.0"))));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MergeLibraryJars.merge(zip));

        assertTrue(refused.getMessage().contains("lib/signed.jar is signed"), refused.getMessage());
    }

    @Test
    void aZipWithOneLibraryJarIsLeftAsItIs() throws IOException {
        Path zip = zip(Map.of("bootstrap", "#!/bin/sh"), Map.of("lib/only.jar", jar(false, Map.of("p/A.class", "a"))));
        byte[] before = Files.readAllBytes(zip);

        assertEquals(1, MergeLibraryJars.merge(zip).jars());

        assertArrayEquals(before, Files.readAllBytes(zip));
    }

    private Path zip(Map<String, String> root, Map<String, byte[]> jars) throws IOException {
        Path zip = dir.resolve("function.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(root).entrySet()) {
                put(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(jars).descendingMap().entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
        return zip;
    }

    private static byte[] jar(boolean multiRelease, Map<String, String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, String> e : new LinkedHashMap<>(new java.util.TreeMap<>(entries)).entrySet()) {
                put(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(data);
        out.closeEntry();
    }

    private static List<String> names(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    private static byte[] read(Path zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getInputStream(file.getEntry(name)).readAllBytes();
        }
    }

    private static String resource(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String text(JarFile jar, String name) throws IOException {
        return new String(jar.getInputStream(jar.getJarEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> list(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(folder)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        return names;
    }
}
