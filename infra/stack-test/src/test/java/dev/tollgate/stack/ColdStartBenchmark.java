package dev.tollgate.stack;

import dev.tollgate.embedded.ExternalTool;
import dev.tollgate.embedded.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cold starts of the packaged functions under AWS's runtime client: zip size, and the time from
 * process start to the first answered event (median of {@code benchmark.starts}, default 3, each a
 * fresh process). Zips come from the template's CodeUri. With {@code benchmark.zips} naming a folder
 * of another build's zips ({@code <folder>/license-validation.zip}, ...), each start of this build
 * takes turns with one of that build, which goes first every other turn, so a drift in a shared
 * machine's speed hits both alike.
 * Run: {@code mvn -B -ntp -Pbenchmark -pl infra/stack-test -am verify [-Dbenchmark.zips=/tmp/before]}.
 *
 * <p>These are a laptop-class JVM's numbers, not Lambda's (other CPU share, no SnapStart): compare
 * builds with them, not against AWS.
 */
@Tag("benchmark")
class ColdStartBenchmark {

    private static final int STARTS = Integer.getInteger("benchmark.starts", 3);
    private static final String ZIPS = System.getProperty("benchmark.zips", "");
    static final String UNKNOWN_KEY = "ZDMCP-0000-0000-0000-0000-0000-0000-0005";
    private static final Duration ANSWER = PackagedFunctionsHarnessTest.ANSWER;

    /** One row: which function, the first event it gets, and how to tell the answer. */
    private record Case(String name, String logicalId, String firstEvent, Function<Context, String> answer,
                        Consumer<Map<String, String>> edit, boolean floor) {

        Case(String name, String logicalId, String firstEvent, Function<Context, String> answer) {
            this(name, logicalId, firstEvent, answer, env -> { }, false);
        }

        Case(String name, String logicalId, String firstEvent, Function<Context, String> answer,
             Consumer<Map<String, String>> edit) {
            this(name, logicalId, firstEvent, answer, edit, false);
        }
    }

    /** What a case needs to hand its function its first event. */
    private record Context(MotoStack stack, PackagedFunction function, PackagedFunction warmValidation) {
    }

    @Test
    void coldFirstAnswers() {
        ExternalTool.require("moto_server", "pip install \"moto[server]\"");
        List<Case> cases = List.of(
                // The JVM and AWS's runtime client alone, as the validation function is deployed: every row's floor.
                new Case("runtime floor", "LicenseValidationFunction", "GET /.well-known/jwks.json (one-class handler)",
                        c -> http(c, "LicenseValidationFunction", AwsEvents.httpApi("GET", "/.well-known/jwks.json")),
                        env -> { }, true),
                new Case("license-validation", "LicenseValidationFunction", "GET /.well-known/jwks.json",
                        c -> http(c, "LicenseValidationFunction", AwsEvents.httpApi("GET", "/.well-known/jwks.json"))),
                new Case("license-validation", "LicenseValidationFunction", "POST /v1/licenses/validate (unknown key)",
                        ColdStartBenchmark::unknownKey),
                // The same start with its class preloading switched off: what ClassPreloader wins.
                new Case("license-validation", "LicenseValidationFunction", "POST ... (unknown key), no class preload",
                        ColdStartBenchmark::unknownKey,
                        env -> env.merge("JAVA_TOOL_OPTIONS", " -D" + PreloadClassesTool.SWITCH + "=false", String::concat)),
                new Case("startup-log", "StartupLogFunction", "SQS batch (1 startup from validation)", ColdStartBenchmark::startupBatch),
                new Case("update-url", "UpdateUrlFunction", "POST /v1/updates/check (unknown key)",
                        c -> http(c, "UpdateUrlFunction", AwsEvents.httpApi("POST", "/v1/updates/check")
                                .jsonBody("{\"licenseKey\":\"" + UNKNOWN_KEY + "\",\"currentVersion\":\"1.0.0\"}"))),
                new Case("admin", "AdminFunction", "GET /v1/admin/tenants (no token)", ColdStartBenchmark::adminWithoutToken));

        String loadBefore = loadAverage();
        List<String> rows = new ArrayList<>();
        List<String> timeline;
        try (MotoServer moto = MotoServer.start();
             MotoStack stack = Deployment.withoutStaffLogins(moto)) {
            try (PackagedFunction warmValidation = stack.launch("LicenseValidationFunction")) {
                for (Case c : cases) {
                    rows.addAll(measure(stack, c, warmValidation));
                }
            }
            timeline = ClassLoadTimeline.of(stack);
        }
        System.out.println();
        System.out.println("Cold first answer: process start -> first answered event, median of " + STARTS
                + " fresh processes" + (ZIPS.isEmpty() ? "" : ", this build's taking turns with " + ZIPS + "'s")
                + " (java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cpus, load average " + loadBefore + " -> " + loadAverage() + ")");
        System.out.printf("%-20s %-42s %-14s %9s %9s  %-22s %s%n", "function", "first event", "zips", "zip MB", "median ms", "runs ms", "answer");
        rows.forEach(System.out::println);
        System.out.println();
        timeline.forEach(System.out::println);
        System.out.println();
    }

    /** One row per build: this one, and the other one's if named, their starts taking turns. */
    private List<String> measure(MotoStack stack, Case c, PackagedFunction warmValidation) {
        Map<String, Path> builds = new LinkedHashMap<>();
        if (c.floor()) {
            builds.put("one class", floorZip());
        } else {
            builds.put("this build", stack.template().codePath(stack.template().function(c.logicalId())));
            if (!ZIPS.isEmpty()) {
                builds.put(ZIPS, Path.of(ZIPS, c.name() + ".zip"));
            }
        }
        String handler = c.floor() ? RuntimeFloorHandler.class.getName() + "::handleRequest"
                : stack.template().function(c.logicalId()).handler();
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < STARTS; i++) {
            List<Map.Entry<String, Path>> turn = new ArrayList<>(builds.entrySet());
            if (i % 2 == 1) {
                Collections.reverse(turn); // neither build always goes first
            }
            for (Map.Entry<String, Path> build : turn) {
                try (PackagedFunction function = stack.launch(c.logicalId(), build.getValue(), handler, c.edit())) {
                    answers.put(build.getKey(), c.answer().apply(new Context(stack, function, warmValidation)));
                    millis.computeIfAbsent(build.getKey(), k -> new ArrayList<>()).add(function.coldFirstAnswer().toMillis());
                }
            }
        }
        List<String> rows = new ArrayList<>();
        builds.forEach((name, zip) -> {
            List<Long> sorted = millis.get(name).stream().sorted().toList();
            rows.add(String.format("%-20s %-42s %-14s %9.1f %9d  %-22s %s", c.name(), c.firstEvent(), abbreviateLeft(name),
                    size(zip) / 1_000_000.0, sorted.get(sorted.size() / 2), millis.get(name), answers.get(name)));
        });
        return rows;
    }

    private static String http(Context c, String logicalId, AwsEvents.HttpApiRequest request) {
        HttpApiResponse response = new HttpApi(c.stack().template()).with(logicalId, c.function()).send(request, ANSWER);
        return response.statusCode() + " " + abbreviate(response.body());
    }

    /** The validation every cold-start figure answers first: a well-formed key no licence has. */
    static AwsEvents.HttpApiRequest unknownKeyValidation() {
        return AwsEvents.httpApi("POST", "/v1/licenses/validate")
                .jsonBody("{\"licenseKey\":\"" + UNKNOWN_KEY + "\",\"product\":\"zendesk-mcp\"}");
    }

    private static String unknownKey(Context c) {
        return http(c, "LicenseValidationFunction", unknownKeyValidation());
    }

    /** API Gateway's authorizer would answer this 401 itself: here the event goes to the function directly. */
    private static String adminWithoutToken(Context c) {
        AwsEvents.HttpApiRequest request = AwsEvents.httpApi("GET", "/v1/admin/tenants");
        SamTemplate.RouteMatch route = c.stack().template().route(request.method(), request.path());
        HttpApiResponse response = HttpApiResponse.parse(
                c.function().invoke(request.toEvent(route, MotoStack.ACCOUNT_ID, MotoStack.REGION), ANSWER));
        return response.statusCode() + " " + abbreviate(response.body());
    }

    /** A fresh startup queued by a real validation, then the queue's batch as Lambda's poller hands it over. */
    private static String startupBatch(Context c) {
        String queueUrl = c.stack().ref("StartupQueue");
        c.stack().sqs().purgeQueue(r -> r.queueUrl(queueUrl));
        http(new Context(c.stack(), c.warmValidation(), null), "LicenseValidationFunction",
                unknownKeyValidation());
        SqsEventSource.Delivery delivery = new SqsEventSource(c.stack(), "StartupLogFunction", "Startups")
                .deliverOneBatch(c.function(), Duration.ofSeconds(60), ANSWER);
        return delivery.received().size() + " msg -> " + delivery.response();
    }

    /** A zip of {@link RuntimeFloorHandler}'s class alone, as Lambda would be given it. */
    private static Path floorZip() {
        String entry = RuntimeFloorHandler.class.getName().replace('.', '/') + ".class";
        try (InputStream code = RuntimeFloorHandler.class.getClassLoader().getResourceAsStream(entry)) {
            Path zip = Files.createTempFile("runtime-floor", ".zip");
            zip.toFile().deleteOnExit();
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry(entry));
                code.transferTo(out);
                out.closeEntry();
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path zip) {
        try {
            return Files.size(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Other builds on the machine skew cold starts: the 1-minute load average says how much. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unavailable) {
            return "?";
        }
    }

    private static String abbreviateLeft(String name) {
        return name.length() > 14 ? "..." + name.substring(name.length() - 11) : name;
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 90 ? oneLine.substring(0, 90) + "..." : oneLine;
    }
}
