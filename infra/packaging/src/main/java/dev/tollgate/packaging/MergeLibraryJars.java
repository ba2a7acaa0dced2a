package dev.tollgate.packaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Merges the library jars of a function's zip ({@code lib/*.jar}, as Quarkus's Lambda packaging
 * writes them, ~170 for an HTTP function) into one jar, {@link #MERGED}.
 *
 * <p>Why: AWS's Java runtime loads a function's classes through one {@code URLClassLoader} over the
 * task root and then every jar of {@code lib/}, searched in name order. Each class costs a lookup in
 * every jar before its own, and each class a framework probes for and does not find, a lookup in all
 * of them: at a cold start that is hundreds of thousands of lookups. With one jar each is one. The
 * libraries stay a jar in {@code lib/} rather than thousands of class files in the task root, as AWS
 * advises, because Lambda unpacks the zip before the function starts.
 *
 * <p>What the runtime saw is kept: the jars are read in its order and the first of a duplicate path
 * wins, as it did (a later jar's versioned class included); the files a reader collects from every
 * jar ({@link #COLLECTED}) are concatenated in that order, and properties among them may not set one
 * key twice nor an ordinal; a multi-release jar's versioned classes stay versioned; each package keeps
 * its jar's implementation and specification titles, versions and vendors (what
 * {@code Package.getImplementationVersion()} reads). Signed jars are refused (merging breaks a
 * signature); the jars' indexes and module descriptors are dropped (neither applies to a merged class
 * path). A zip with at most one library jar (a native build, or one merged already) is left as it is,
 * and a module without a zip is skipped.
 */
public final class MergeLibraryJars {

    /** The one library jar. */
    public static final String MERGED = "lib/libraries.jar";
    /** Inside it: the jars it was merged from, in the runtime's order, as their zip paths. */
    public static final String SOURCES = "META-INF/tollgate-library-jars.txt";
    /** Files read from every jar of a class path (ServiceLoader, SmallRye Config, Netty, the AWS SDK's interceptors). */
    static final Pattern COLLECTED = Pattern.compile("META-INF/services/[^/]+|META-INF/microprofile-config\\.properties"
            + "|META-INF/io\\.netty\\.versions\\.properties|software/amazon/awssdk/.*/execution\\.interceptors");
    /** SmallRye Config's ordinal of a source: concatenated, one jar's would apply to every jar's keys. */
    private static final String ORDINAL = "config_ordinal";
    /** A package's attributes that a jar's main manifest section gives its classes. */
    private static final List<Attributes.Name> PACKAGE_ATTRIBUTES = List.of(
            Attributes.Name.IMPLEMENTATION_TITLE, Attributes.Name.IMPLEMENTATION_VERSION, Attributes.Name.IMPLEMENTATION_VENDOR,
            Attributes.Name.SPECIFICATION_TITLE, Attributes.Name.SPECIFICATION_VERSION, Attributes.Name.SPECIFICATION_VENDOR);
    private static final Pattern LIBRARY_JAR = Pattern.compile("lib/[^/]+\\.jar");
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)|META-INF/SIG-[^/]+");
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/\\d+/(.+)");

    /** What a merge did, for the build's log. */
    public record Merged(int jars, int entries, int collected) {
    }

    private MergeLibraryJars() {
    }

    /** {@code args[0]}: the function zip, rewritten in place. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: MergeLibraryJars <function.zip>");
        }
        Path zip = Path.of(args[0]);
        if (!Files.isRegularFile(zip)) {
            System.out.println(zip + ": no function zip in this build, nothing to merge");
            return;
        }
        Merged merged = merge(zip);
        System.out.println(merged.jars() <= 1
                ? zip + ": " + merged.jars() + " library jar(s), left as it is"
                : zip + ": " + merged.jars() + " library jars merged into " + MERGED + " (" + merged.entries()
                        + " entries, " + merged.collected() + " files collected from several jars)");
    }

    /** Rewrites {@code zip} with its library jars merged; a zip with at most one is left untouched. */
    public static Merged merge(Path zip) throws IOException {
        Path target = zip.toAbsolutePath();
        Path merged = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Merged result;
            try (ZipFile in = new ZipFile(target.toFile())) {
                result = write(in, merged);
            }
            if (result.jars() > 1) {
                Files.move(merged, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return result;
        } finally {
            Files.deleteIfExists(merged);
        }
    }

    private static Merged write(ZipFile in, Path merged) throws IOException {
        List<ZipEntry> jars = in.stream().<ZipEntry>map(e -> e).filter(MergeLibraryJars::isLibraryJar)
                .sorted(Comparator.comparing(ZipEntry::getName)).toList();
        if (jars.size() <= 1) {
            return new Merged(jars.size(), 0, 0);
        }
        Library library = new Library();
        for (ZipEntry jar : jars) {
            try (InputStream data = in.getInputStream(jar)) {
                library.add(jar.getName(), data.readAllBytes());
            }
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(merged))) {
            Set<String> written = new HashSet<>();
            for (ZipEntry entry : in.stream().toList()) {
                String name = entry.getName();
                if (isLibraryJar(entry)) {
                    continue;
                }
                if (!written.add(name)) {
                    // Quarkus's zip names some folders twice; a file named twice would be ambiguous.
                    if (entry.isDirectory()) {
                        continue;
                    }
                    throw new IllegalStateException(in.getName() + " holds " + name + " twice");
                }
                copy(in, entry, out);
            }
            ZipEntry libraries = new ZipEntry(MERGED);
            libraries.setTime(jars.get(0).getTime());
            out.putNextEntry(libraries);
            library.writeTo(out);
            out.closeEntry();
        }
        return new Merged(jars.size(), library.entries.size(), library.collected);
    }

    private static boolean isLibraryJar(ZipEntry entry) {
        return LIBRARY_JAR.matcher(entry.getName()).matches();
    }

    private static void copy(ZipFile in, ZipEntry entry, ZipOutputStream out) throws IOException {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
        }
        out.closeEntry();
    }

    /** The merged jar's entries, in the order first seen. */
    private static final class Library {
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final List<String> sources = new ArrayList<>();
        /** Package folder ("io/netty/util/") to the attributes its first jar's manifest gave it. */
        private final Map<String, Attributes> packages = new LinkedHashMap<>();
        private boolean multiRelease;
        private int collected;

        private record Entry(long time, byte[] data, String from) {
        }

        void add(String jarPath, byte[] jar) throws IOException {
            sources.add(jarPath);
            Attributes main = manifest(jar).getMainAttributes();
            boolean versioned = "true".equalsIgnoreCase(main.getValue(Attributes.Name.MULTI_RELEASE));
            multiRelease |= versioned;
            Attributes packageAttributes = new Attributes();
            PACKAGE_ATTRIBUTES.stream().filter(main::containsKey).forEach(a -> packageAttributes.put(a, main.get(a)));
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    String name = entry.getName();
                    if (SIGNATURE.matcher(name).matches()) {
                        throw new IllegalStateException(jarPath + " is signed (" + name + "): merging it would break its signature");
                    }
                    Matcher version = VERSIONED.matcher(name);
                    if (dropped(name) || (version.matches() && !wins(version.group(1), versioned, jarPath))) {
                        continue;
                    }
                    byte[] data = in.readAllBytes();
                    Entry first = entries.get(name);
                    if (first == null) {
                        entries.put(name, new Entry(entry.getTime(), data, jarPath));
                        int folder = name.lastIndexOf('/');
                        if (name.endsWith(".class") && folder > 0 && !packageAttributes.isEmpty() && !version.matches()) {
                            packages.putIfAbsent(name.substring(0, folder + 1), packageAttributes);
                        }
                    } else if (COLLECTED.matcher(name).matches()) {
                        entries.put(name, new Entry(first.time(), collect(name, first, data, jarPath), first.from()));
                        collected++;
                    }
                }
            }
        }

        /**
         * A versioned class counts only in a multi-release jar, and not when an earlier jar has its
         * unversioned path: that jar's class won on the class path, whatever the Java version.
         */
        private boolean wins(String basePath, boolean multiReleaseJar, String jarPath) {
            Entry base = entries.get(basePath);
            return multiReleaseJar && (base == null || base.from().equals(jarPath));
        }

        /** The jar's manifest wherever it sits (JarInputStream finds it only among the first entries). */
        private static Manifest manifest(byte[] jar) throws IOException {
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        return new Manifest(in);
                    }
                }
            }
            return new Manifest();
        }

        private static boolean dropped(String name) {
            return name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.equals("META-INF/INDEX.LIST") || name.endsWith("module-info.class");
        }

        /**
         * One file from two jars. A properties file may not set a key twice (which would win changed)
         * nor an ordinal (one source's would apply to all).
         */
        private static byte[] collect(String name, Entry first, byte[] next, String jarPath) {
            if (name.endsWith(".properties")) {
                Properties earlier = load(first.data());
                Properties later = load(next);
                if (earlier.containsKey(ORDINAL) || later.containsKey(ORDINAL)) {
                    throw new IllegalStateException(name + " sets " + ORDINAL + " in " + jarPath + " or a jar before it: merged, it would apply to both");
                }
                for (String key : later.stringPropertyNames()) {
                    if (earlier.containsKey(key)) {
                        throw new IllegalStateException(name + " sets " + key + " in " + jarPath + " and in a jar before it");
                    }
                }
            }
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(first.data());
            if (first.data().length > 0 && first.data()[first.data().length - 1] != '\n') {
                both.write('\n');
            }
            both.writeBytes(next);
            return both.toByteArray();
        }

        private static Properties load(byte[] data) {
            Properties properties = new Properties();
            try {
                properties.load(new ByteArrayInputStream(data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties;
        }

        void writeTo(OutputStream target) throws IOException {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (multiRelease) {
                manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
            }
            manifest.getEntries().putAll(packages);
            // Finished, never closed: closing would close the zip it is written into.
            JarOutputStream jar = new JarOutputStream(target, manifest);
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                ZipEntry out = new ZipEntry(entry.getKey());
                out.setTime(entry.getValue().time());
                jar.putNextEntry(out);
                jar.write(entry.getValue().data());
                jar.closeEntry();
            }
            jar.putNextEntry(new ZipEntry(SOURCES));
            jar.write((String.join("\n", sources) + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.finish();
        }
    }
}
