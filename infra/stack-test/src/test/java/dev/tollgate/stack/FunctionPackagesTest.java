package dev.tollgate.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.tollgate.packaging.MergeLibraryJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Each packaged function carries the AWS clients of the adapters it calls and nothing else: no
 * client of a service it never calls, no local stand-in, no test engine, no REST client unless it
 * calls out. Read from the zips the template deploys, so a stray dependency fails here.
 */
class FunctionPackagesTest {

    static final Pattern AWS_SERVICE = Pattern.compile("lib/software\\.amazon\\.awssdk\\.(dynamodb|kms|s3|sqs|lambda|eventbridge|scheduler)-[0-9.]+\\.jar");

    /** The SDK clients each function's adapters need (README, "Layout"). */
    static final Map<String, Set<String>> CLIENTS = Map.of(
            "LicenseValidationFunction", Set.of("dynamodb", "kms", "sqs"),
            "UpdateUrlFunction", Set.of("dynamodb", "kms", "s3"),
            "AdminFunction", Set.of("dynamodb", "kms", "s3"),
            "StartupLogFunction", Set.of("dynamodb"),
            "TicketSummaryFunction", Set.of("dynamodb", "kms"),
            "RetentionPurgeFunction", Set.of("dynamodb"));

    /** Never in a Lambda package: the local stand-ins, the embedded engines, test libraries, heavyweight HTTP clients. */
    static final List<String> NEVER = List.of("tollgate-adapter-local", "tollgate-embedded", "DynamoDBLocal", "wiremock",
            "junit", "rest-assured", "software.amazon.awssdk.apache-client", "software.amazon.awssdk.netty-nio-client");

    /** Functions that call out over HTTP (Zendesk, model providers) and so may carry the REST client. */
    static final Set<String> CALLS_OUT = Set.of("TicketSummaryFunction");

    @Test
    void eachFunctionCarriesExactlyTheClientsOfItsAdapters() throws IOException {
        SamTemplate template = SamTemplate.repository();
        assertEquals(CLIENTS.keySet(), names(template), "every function in the template has its expected clients here");
        for (SamTemplate.Function function : template.functions()) {
            Path zip = template.codePath(function);
            assertTrue(Files.isRegularFile(zip), zip + " is not built: run mvn package");
            Set<String> clients = new TreeSet<>();
            try (ZipFile file = new ZipFile(zip.toFile())) {
                List<String> names = new ArrayList<>(file.stream().map(ZipEntry::getName).toList());
                names.addAll(mergedJars(file));
                for (String name : names) {
                    Matcher client = AWS_SERVICE.matcher(name);
                    if (client.matches()) {
                        clients.add(client.group(1));
                    }
                    for (String forbidden : NEVER) {
                        assertTrue(!name.contains(forbidden), function.logicalId() + " carries " + name);
                    }
                    if (!CALLS_OUT.contains(function.logicalId())) {
                        assertTrue(!name.contains("rest-client"), function.logicalId() + " carries " + name);
                    }
                }
            }
            assertEquals(new TreeSet<>(CLIENTS.get(function.logicalId())), clients, function.logicalId());
        }
    }

    /**
     * Each zip's libraries are one jar (the build's MergeLibraryJars step, infra/packaging), so AWS's
     * runtime looks a class up in one jar at a cold start, not in each of ~170.
     */
    @Test
    void eachFunctionsLibrariesAreOneJar() throws IOException {
        SamTemplate template = SamTemplate.repository();
        for (SamTemplate.Function function : template.functions()) {
            try (ZipFile file = new ZipFile(template.codePath(function).toFile())) {
                List<String> jars = file.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".jar")).toList();
                assertEquals(List.of(MergeLibraryJars.MERGED), jars, function.logicalId());
                List<String> merged = mergedJars(file);
                assertTrue(merged.size() > 20, function.logicalId() + " lists the jars merged: " + merged);
            }
        }
    }

    /** The jars a zip's merged library jar was made of (their zip paths), or none. */
    private static List<String> mergedJars(ZipFile zip) throws IOException {
        ZipEntry merged = zip.getEntry(MergeLibraryJars.MERGED);
        if (merged == null) {
            return List.of();
        }
        try (JarInputStream jar = new JarInputStream(zip.getInputStream(merged))) {
            for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                if (inner.getName().equals(MergeLibraryJars.SOURCES)) {
                    return new String(jar.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                }
            }
        }
        return List.of();
    }

    /**
     * The class list the validation function carries still names this build's classes: after a
     * dependency change, a stale list would load little and win nothing, silently (regenerate it with
     * PreloadClassesTool). That the template starts it through its preloading handler, infra/local's
     * SamTemplateTest checks; that it answers so, the stack tests.
     */
    @Test
    void theValidationFunctionPreloadsTheClassesOfThisBuild() throws IOException {
        SamTemplate template = SamTemplate.repository();
        SamTemplate.Function validation = template.function("LicenseValidationFunction");
        Set<String> classes = new HashSet<>();
        List<String> listed = new ArrayList<>();
        try (ZipFile file = new ZipFile(template.codePath(validation).toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                if (entry.getName().endsWith(".jar")) {
                    try (ZipInputStream jar = new ZipInputStream(file.getInputStream(entry))) {
                        for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                            classes.add(inner.getName());
                        }
                    }
                } else {
                    classes.add(entry.getName());
                }
            }
            ZipEntry list = file.getEntry(PreloadClassesTool.ON_CLASS_PATH);
            assertTrue(list != null, "the zip carries " + PreloadClassesTool.ON_CLASS_PATH);
            new String(file.getInputStream(list).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("app ")).forEach(line -> listed.add(line.substring(4)));
        }
        List<String> missing = listed.stream().filter(name -> !classes.contains(name.replace('.', '/') + ".class")).toList();
        assertTrue(listed.size() > 1_000, "a cold start's worth of classes: " + listed.size());
        assertTrue(missing.size() * 100 <= listed.size(), missing.size() + " of " + listed.size()
                + " listed classes are not in this build, e.g. " + missing.stream().limit(5).toList()
                + ": run PreloadClassesTool");
    }

    private static Set<String> names(SamTemplate template) {
        Set<String> names = new TreeSet<>();
        template.functions().forEach(f -> names.add(f.logicalId()));
        return names;
    }
}
