package dev.tollgate.stack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One packaged function ({@code function.zip}) running as Lambda's managed Java runtime runs it: the
 * zip unpacked as the task root and working directory, AWS's runtime interface client (RIC) as the
 * main class with the template's Handler, the environment the template gives plus the variables
 * Lambda itself sets, and nothing inherited from the test JVM but PATH, HOME and LANG, so a
 * variable the template forgets is really missing.
 *
 * <p>Like Lambda's {@code /var/runtime/bootstrap}, only the RIC is on the class path; the RIC loads
 * the task root and {@code lib/*.jar} itself ({@code CustomerClassLoader}, from the working
 * directory), so the zip is used exactly as it is uploaded.
 */
final class PackagedFunction implements AutoCloseable {

    /** What Lambda knows about a function besides its code and environment. */
    record Settings(String functionName, String handler, String runtime, int memoryMb, Duration timeout, String region, String accountId) {

        String arn() {
            return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
        }
    }

    /** The function answered with an error (the RIC's {@code /invocation/{id}/error}). */
    static final class FunctionError extends RuntimeException {
        private final String payload;
        private final String errorType;

        FunctionError(String payload, String errorType, String context) {
            super("function error " + errorType + ": " + payload + context);
            this.payload = payload;
            this.errorType = errorType;
        }

        /** The error JSON: {@code errorMessage}, {@code errorType}, {@code stackTrace}. */
        String payload() {
            return payload;
        }

        String errorType() {
            return errorType;
        }
    }

    /** Why a function never got to its first event: a reported init error and/or the process's exit. */
    record InitFailure(Optional<String> errorPayload, Optional<String> errorType, Optional<Integer> exitCode) {
    }

    /** Where the maven build copies the RIC jars (see this module's pom). */
    static final Path RIC_DIR = Path.of(System.getProperty("tollgate.stack.ric-dir", "target/ric"));
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final int OUTPUT_TAIL = 40;

    private final Settings settings;
    private final Path taskRoot;
    private final RuntimeApi api;
    private final Process process;
    private final long startedNanos;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private volatile Duration coldFirstAnswer;

    private PackagedFunction(Settings settings, Path taskRoot, RuntimeApi api, Process process, long startedNanos) {
        this.settings = settings;
        this.taskRoot = taskRoot;
        this.api = api;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * Unpacks {@code zip} and starts it. {@code environment} is the function's own (the template's,
     * resolved); Lambda's reserved variables are added here and win over it, as on AWS.
     */
    static PackagedFunction start(Path zip, Settings settings, Map<String, String> environment) {
        String classPath = ricClassPath();
        Path taskRoot = unzip(zip);
        RuntimeApi api = RuntimeApi.start(settings.arn());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The JVM sizes its heap from the memory it sees: make it see the function's MemorySize.
                "-XX:MaxRAM=" + settings.memoryMb() + "m",
                "-cp", classPath,
                RIC_MAIN,
                settings.handler())
                .directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (String basic : List.of("PATH", "HOME", "LANG")) {
            Optional.ofNullable(System.getenv(basic)).ifPresent(value -> env.put(basic, value));
        }
        env.putAll(environment);
        env.putAll(lambdaEnvironment(settings, taskRoot, api));
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            PackagedFunction function = new PackagedFunction(settings, taskRoot, api, process, started);
            function.pump(process.getInputStream(), function.stdout, "stdout");
            function.pump(process.getErrorStream(), function.stderr, "stderr");
            return function;
        } catch (IOException e) {
            api.close();
            deleteTree(taskRoot);
            throw new UncheckedIOException("could not start " + settings.functionName(), e);
        }
    }

    /** The variables Lambda sets for every Java function (credentials: moto accepts any). */
    private static Map<String, String> lambdaEnvironment(Settings settings, Path taskRoot, RuntimeApi api) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("_HANDLER", settings.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", RIC_DIR.toAbsolutePath().toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + settings.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", settings.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(settings.memoryMb()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + settings.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]" + taskRoot.getFileName());
        env.put("AWS_REGION", settings.region());
        env.put("AWS_DEFAULT_REGION", settings.region());
        env.put("AWS_ACCESS_KEY_ID", "ASIATESTSTACKHARNESS");
        env.put("AWS_SECRET_ACCESS_KEY", "stack-harness-secret");
        env.put("AWS_SESSION_TOKEN", "stack-harness-session");
        env.put("TZ", ":UTC");
        return env;
    }

    private static String ricClassPath() {
        try (Stream<Path> jars = Files.list(RIC_DIR)) {
            String cp = jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .map(p -> p.toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator));
            if (cp.isEmpty()) {
                throw new IllegalStateException("no jars in " + RIC_DIR.toAbsolutePath() + "; run the maven build of this module");
            }
            return cp;
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime interface client is missing from " + RIC_DIR.toAbsolutePath()
                    + "; run the maven build of this module", e);
        }
    }

    /**
     * Hands the function one event and waits (at most {@code timeout}, only so a hang cannot stall
     * the build) for its answer: the raw response JSON, or a {@link FunctionError}.
     */
    String invoke(String eventJson, Duration timeout) {
        CompletableFuture<RuntimeApi.Outcome> outcome = api.submit(eventJson, settings.timeout());
        await(CompletableFuture.anyOf(outcome, process.onExit(), api.initError()), timeout, "did not answer");
        if (!outcome.isDone()) {
            throw new IllegalStateException(settings.functionName() + " stopped before answering: " + initFailure() + outputTail());
        }
        RuntimeApi.Outcome answer = outcome.join();
        if (coldFirstAnswer == null) {
            coldFirstAnswer = Duration.ofNanos(System.nanoTime() - startedNanos);
        }
        if (answer.error()) {
            throw new FunctionError(answer.body(), answer.errorType(), outputTail());
        }
        return answer.body();
    }

    /**
     * Waits until the environment is idle after the latest event: the runtime and every extension have
     * asked for their next one (where Lambda pauses the environment, and hands it another event).
     */
    void awaitIdle(Duration timeout) {
        CompletableFuture<Void> idle = api.idleAfterLatest();
        await(CompletableFuture.anyOf(idle, process.onExit()), timeout, "was not idle");
        if (!idle.isDone()) {
            throw new IllegalStateException(settings.functionName() + " stopped before it was idle" + outputTail());
        }
    }

    /** The internal extensions the function registered during init. */
    List<String> extensions() {
        return api.extensionNames();
    }

    /** Waits until the function asks for its first event (its init is done); an init failure or an exit fails. */
    void awaitBoot(Duration timeout) {
        awaitEndOfInit(timeout);
        if (!api.firstPoll().isDone()) {
            throw new AssertionError(settings.functionName() + " did not boot: " + initFailure() + outputTail());
        }
    }

    /** Init ends one of three ways: the first poll for an event, an init error reported, or the process gone. */
    private void awaitEndOfInit(Duration timeout) {
        await(CompletableFuture.anyOf(api.initError(), process.onExit(), api.firstPoll()), timeout,
                "neither failed nor finished init");
    }

    /** Waits for {@code done} at most {@code timeout}, only so a hang cannot stall the build; a hang says {@code what}. */
    private void await(CompletableFuture<?> done, Duration timeout, String what) {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(settings.functionName() + " " + what + " within " + timeout + outputTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * For boot-refusal tests: waits for the function to report {@code /runtime/init/error} or to exit
     * before asking for its first event. Fails if it asks for an event instead (it initialised).
     */
    InitFailure awaitInitFailure(Duration timeout) {
        awaitEndOfInit(timeout);
        if (!api.initError().isDone() && process.isAlive()) {
            throw new AssertionError(settings.functionName() + " initialised and asked for an event: no init failure" + outputTail());
        }
        if (api.initError().isDone()) {
            // The RIC exits right after reporting; wait briefly so the exit code is part of the answer.
            process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join();
        }
        return initFailure();
    }

    private InitFailure initFailure() {
        Optional<RuntimeApi.Outcome> reported = Optional.ofNullable(api.initError().getNow(null));
        return new InitFailure(
                reported.map(RuntimeApi.Outcome::body),
                reported.map(RuntimeApi.Outcome::errorType),
                process.isAlive() ? Optional.empty() : Optional.of(process.exitValue()));
    }

    /** From process start to the first answered event: the cold start a caller waits through. */
    Duration coldFirstAnswer() {
        if (coldFirstAnswer == null) {
            throw new IllegalStateException(settings.functionName() + " has not answered an event yet");
        }
        return coldFirstAnswer;
    }

    /** The function's stdout lines so far (Lambda sends both streams to CloudWatch Logs). */
    List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** The function's stderr lines so far. */
    List<String> stderr() {
        return List.copyOf(stderr);
    }

    Settings settings() {
        return settings;
    }

    private void pump(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the process is gone
            }
        }, settings.functionName() + "-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private String outputTail() {
        List<String> all = new ArrayList<>(stdout);
        all.addAll(stderr);
        List<String> tail = all.subList(Math.max(0, all.size() - OUTPUT_TAIL), all.size());
        return tail.isEmpty() ? "" : "\n--- last output of " + settings.functionName() + " ---\n" + String.join("\n", tail);
    }

    private static Path unzip(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip.toAbsolutePath().normalize() + " is missing: package the function first (mvn package)");
        }
        try {
            Path root = Files.createTempDirectory("lambda-task-");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("zip entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip, e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is under the temp dir
        }
    }

    /** Kills the process, stops its Runtime API and deletes the unpacked task root. */
    /** SIGTERM, and a wait for the JVM's shutdown hooks (a profiler's dump on exit). */
    void terminate(Duration timeout) {
        process.destroy();
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        deleteTree(taskRoot);
    }
}
