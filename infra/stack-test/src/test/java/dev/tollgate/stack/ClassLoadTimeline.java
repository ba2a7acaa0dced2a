package dev.tollgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cold start's time goes, from the JVM's own record: one start of the packaged validation
 * function with {@code -Xlog:class+load} (uptime and thread id per class), answering the
 * unknown-key event, summed up per thread and per library. Class loading is most of a cold start,
 * and AWS's runtime loads a function's classes under one lock, so the threads' spans show what
 * waits on what; generated classes (lambdas, method handles, proxies) are linked as code first runs
 * and cannot be loaded ahead. One start, so read it for shape, not for the last 0.1 s.
 */
final class ClassLoadTimeline {

    private static final Pattern LOADED = Pattern.compile("\\[(\\d+\\.\\d+)s\\]\\[(\\d+)\\] (\\S+) source: (.+)");
    private static final List<String> LIBRARIES = List.of("software.amazon.awssdk.regions", "software.amazon.awssdk",
            "io.quarkus", "io.quarkiverse", "com.fasterxml.jackson", "io.netty", "io.vertx", "org.jboss.resteasy",
            "io.smallrye", "org.jboss", "dev.tollgate", "com.amazonaws", "org.joda", "jakarta");

    /** One class as the log names it: when, on which thread, and whether the JVM generated it. */
    record Load(double seconds, String thread, String name, boolean generated, boolean fromArchive) {
    }

    private ClassLoadTimeline() {
    }

    static List<String> of(MotoStack stack) {
        try {
            Path log = Files.createTempDirectory("tollgate-timeline").resolve("class-load.log");
            long answeredMs;
            try (PackagedFunction validation = stack.launchEdited("LicenseValidationFunction", env -> env.merge(
                    "JAVA_TOOL_OPTIONS", " -Xlog:class+load=info:file=" + log + ":uptime,tid", String::concat))) {
                new HttpApi(stack.template()).with("LicenseValidationFunction", validation)
                        .send(ColdStartBenchmark.unknownKeyValidation(), PackagedFunctionsHarnessTest.ANSWER);
                answeredMs = validation.coldFirstAnswer().toMillis();
            }
            return summary(parse(Files.readAllLines(log)), answeredMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Load> parse(List<String> lines) {
        List<Load> loads = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LOADED.matcher(line);
            if (m.matches()) {
                String name = m.group(3);
                String source = m.group(4).trim();
                boolean generated = name.contains("$$Lambda") || name.contains("/0x") || name.startsWith("jdk.proxy")
                        || name.startsWith("jdk.internal.reflect.Generated") || source.startsWith("__");
                loads.add(new Load(Double.parseDouble(m.group(1)), m.group(2), name, generated, source.equals("shared objects file")));
            }
        }
        return loads;
    }

    /** The thread that loads the first class is the JVM's main thread, which runs the runtime client and the handler. */
    static List<String> summary(List<Load> loads, long answeredMs) {
        Map<String, List<Load>> byThread = new LinkedHashMap<>();
        loads.forEach(load -> byThread.computeIfAbsent(load.thread(), t -> new ArrayList<>()).add(load));
        String main = loads.get(0).thread();
        List<String> out = new ArrayList<>();
        out.add(String.format("Where validation's cold start goes: one start with -Xlog:class+load, first answer after %d ms,"
                + " %d classes (%d from the JDK's archive, %d generated)", answeredMs, loads.size(),
                loads.stream().filter(Load::fromArchive).count(), loads.stream().filter(Load::generated).count()));
        out.add(String.format("  %-12s %8s %10s %9s %9s", "thread", "classes", "generated", "first s", "last s"));
        List<Map.Entry<String, List<Load>>> threads = new ArrayList<>(byThread.entrySet());
        threads.sort(Comparator.comparing((Map.Entry<String, List<Load>> t) -> !t.getKey().equals(main))
                .thenComparing(t -> -t.getValue().size()));
        for (Map.Entry<String, List<Load>> thread : threads.subList(0, Math.min(3, threads.size()))) {
            List<Load> its = thread.getValue();
            out.add(String.format("  %-12s %8d %10d %9.3f %9.3f", thread.getKey().equals(main) ? "main" : "tid " + thread.getKey(),
                    its.size(), its.stream().filter(Load::generated).count(), its.get(0).seconds(), its.get(its.size() - 1).seconds()));
        }
        out.add(String.format("  %-12s %8d", "other threads", threads.stream().skip(3).mapToInt(t -> t.getValue().size()).sum()));
        if (threads.size() > 1) {
            double helperDone = threads.get(1).getValue().get(threads.get(1).getValue().size() - 1).seconds();
            List<Load> after = byThread.get(main).stream().filter(l -> l.seconds() > helperDone).toList();
            out.add(String.format("  main after the busiest other thread's last class (%.3f s): %d classes, %d of them generated,"
                    + " %d of those the AWS SDK's", helperDone, after.size(), after.stream().filter(Load::generated).count(),
                    after.stream().filter(l -> l.generated() && l.name().startsWith("software.amazon.awssdk")).count()));
        }
        Map<String, Integer> libraries = new LinkedHashMap<>();
        for (Load load : loads) {
            LIBRARIES.stream().filter(load.name()::startsWith).findFirst()
                    .ifPresent(library -> libraries.merge(library, 1, Integer::sum));
        }
        StringBuilder line = new StringBuilder("  classes by library:");
        libraries.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                .forEach(library -> line.append(' ').append(library.getKey()).append(' ').append(library.getValue()).append(','));
        out.add(line.substring(0, line.length() - 1));
        return out;
    }
}
