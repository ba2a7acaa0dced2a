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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import dev.tollgate.packaging.probe.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeLibraryJarsTest {

    @TempDir
    Path dir;

    @Test
    void theLibraryJarsBecomeOneJarThatReadsAsTheClassPathDid() throws IOException, ClassNotFoundException {
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
                        "lib/a.jar", jar(Map.of("Implementation-Version", "1.2.3"), Map.of(
                                "p/Shared.class", bytes("from a"),
                                "dev/tollgate/packaging/probe/Probe.class", probeClass(),
                                "META-INF/services/p.Spi", bytes("p.FromA"),
                                "META-INF/microprofile-config.properties", bytes("a.key=1"),
                                "META-INF/INDEX.LIST", bytes("JarIndex-Version: 1.0"),
                                "module-info.class", bytes("module a"),
                                "META-INF/LICENSE", bytes("a licence"))),
                        "lib/c.jar", jar(true, Map.of(
                                "q/Versioned.class", "base",
                                "META-INF/versions/11/q/Versioned.class", "java 11")),
                        "lib/d.jar", jar(false, Map.of(
                                "r/Plain.class", "plain",
                                "META-INF/versions/11/r/Plain.class", "never read: d.jar is not multi-release")),
                        "lib/e.jar", jar(true, Map.of(
                                "p/Shared.class", "from e",
                                "META-INF/versions/11/p/Shared.class", "from e, never read: a.jar's p/Shared.class came first")),
                        "lib/f.jar", manifestLast(Map.of(
                                "s/Late.class", "base",
                                "META-INF/versions/11/s/Late.class", "java 11, in a jar whose manifest is its last entry"))));
        byte[] rootBefore = read(zip, "io/quarkus/runner/ApplicationImpl.class");

        MergeLibraryJars.Merged merged = MergeLibraryJars.merge(zip);

        assertEquals(6, merged.jars());
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
            assertEquals("lib/a.jar\nlib/b.jar\nlib/c.jar\nlib/d.jar\nlib/e.jar\nlib/f.jar\n", resource(loader, MergeLibraryJars.SOURCES));
            Class<?> probe = loader.loadClass("dev.tollgate.packaging.probe.Probe");
            assertEquals("1.2.3", probe.getPackage().getImplementationVersion(), "a package keeps its jar's version");
            assertNull(loader.findResource("META-INF/INDEX.LIST"), "an index would name jars that are gone");
            assertNull(loader.findResource("module-info.class"));
        }
        try (JarFile versioned = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
            assertEquals("true", versioned.getManifest().getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
            assertEquals("java 11", text(versioned, "q/Versioned.class"), "a multi-release jar's classes stay versioned");
            assertEquals("plain", text(versioned, "r/Plain.class"), "a plain jar's versions folder stays unread");
            assertEquals("from a", text(versioned, "p/Shared.class"), "a later jar's versioned class does not beat an earlier jar's");
            assertEquals("java 11, in a jar whose manifest is its last entry", text(versioned, "s/Late.class"));
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
    void anOrdinalInACollectedPropertiesFileIsRefused() throws IOException {
        Path zip = zip(Map.of(), Map.of(
                "lib/a.jar", jar(false, Map.of("META-INF/microprofile-config.properties", "config_ordinal=500\na.key=1")),
                "lib/b.jar", jar(false, Map.of("META-INF/microprofile-config.properties", "b.key=2"))));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MergeLibraryJars.merge(zip));

        assertTrue(refused.getMessage().contains("config_ordinal"), refused.getMessage());
    }

    @Test
    void aModuleWithoutAZipIsSkipped() throws IOException {
        MergeLibraryJars.main(new String[] {dir.resolve("function.zip").toString()});

        assertEquals(List.of(), list(dir));
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
            for (Map.Entry<String, String> e : new TreeMap<>(root).entrySet()) {
                put(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> e : new TreeMap<>(jars).descendingMap().entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
        return zip;
    }

    private static byte[] jar(boolean multiRelease, Map<String, String> entries) throws IOException {
        Map<String, byte[]> binary = new TreeMap<>();
        entries.forEach((name, text) -> binary.put(name, bytes(text)));
        return jar(multiRelease ? Map.of("Multi-Release", "true") : Map.of(), binary);
    }

    /** A jar whose manifest (first, as jar tools write it) has these main attributes. */
    private static byte[] jar(Map<String, String> attributes, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    /** A multi-release jar whose manifest comes after its classes (JarInputStream would not see it). */
    private static byte[] manifestLast(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
                put(out, e.getKey(), bytes(e.getValue()));
            }
            put(out, "META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n"));
        }
        return bytes.toByteArray();
    }

    /** A real class file, so a loader defines its package from the merged jar's manifest. */
    private static byte[] probeClass() throws IOException {
        try (InputStream in = Probe.class.getResourceAsStream("Probe.class")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
