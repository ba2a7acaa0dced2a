package dev.tollgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where validation's CPU goes: the JFR execution samples of a window, each given to the first stage
 * its stack reaches from the leaf up. The in-process DynamoDB Local engine and the startup send to SQS
 * claim a sample wherever they appear in the stack, since they call SDK and HTTP code of their own.
 */
final class StageProfile {

    private static final String ENGINE = "DynamoDB Local engine (in-process)";
    private static final String SQS_SEND = "startup send to SQS (packaged: after the answer)";
    private static final Map<String, Pattern> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put(SQS_SEND, Pattern.compile("^(dev\\.tollgate\\.adapters\\.sqs|software\\.amazon\\.awssdk\\.services\\.sqs)"));
        STAGES.put(ENGINE, Pattern.compile("^(com\\.almworks\\.sqlite4java|com\\.amazonaws\\.services\\.dynamodbv2|software\\.amazon\\.dynamodb\\.services|org\\.eclipse\\.jetty)"));
        STAGES.put("lease signature (ECDSA P-256)", Pattern.compile("^(sun\\.security\\.ec|sun\\.security\\.util\\.math|dev\\.tollgate\\.keys\\.Es256)"));
        STAGES.put("key digest (HMAC-SHA256)", Pattern.compile("^(javax\\.crypto\\.Mac|com\\.sun\\.crypto\\.provider\\.Hmac|sun\\.security\\.provider\\.SHA)"));
        STAGES.put("DynamoDB client (marshal, SigV4, HTTP)", Pattern.compile("^software\\.amazon\\.awssdk"));
        STAGES.put("startup hand-off", Pattern.compile("^(dev\\.tollgate\\.startup|dev\\.tollgate\\.local\\.LocalStartup)"));
        STAGES.put("JSON (Jackson)", Pattern.compile("^com\\.fasterxml\\.jackson"));
        STAGES.put("lease assembly", Pattern.compile("^dev\\.tollgate\\.lease"));
        STAGES.put("validation use case", Pattern.compile("^dev\\.tollgate\\.license"));
        STAGES.put("logging", Pattern.compile("^(org\\.jboss\\.logmanager|io\\.quarkus\\.logging|dev\\.tollgate\\.logging)"));
        STAGES.put("HTTP server (Vert.x, RESTEasy Reactive)", Pattern.compile("^(io\\.vertx|io\\.netty|org\\.jboss\\.resteasy|io\\.quarkus)"));
        STAGES.put("Lambda runtime client and answer tail", Pattern.compile("^(com\\.amazonaws\\.services\\.lambda|dev\\.tollgate\\.adapters\\.lambda)"));
    }

    private StageProfile() {
    }

    /** A span of wall-clock time the samples are taken from. */
    record Window(Instant from, Instant to) {
        boolean holds(Instant time) {
            return !time.isBefore(from) && !time.isAfter(to);
        }
    }

    /** One row per stage, largest first: share of the samples taken in any of {@code windows}. */
    static List<String> of(Path recording, List<Window> windows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        try {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                        || windows.stream().noneMatch(window -> window.holds(event.getStartTime()))) {
                    continue;
                }
                total++;
                counts.merge(stage(event.getStackTrace().getFrames()), 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int samples = total;
        List<String> rows = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> rows.add(String.format("    %5.1f %%  %s", 100.0 * e.getValue() / samples, e.getKey())));
        rows.add(String.format("    (%d CPU samples)", samples));
        return rows;
    }

    private static String stage(List<RecordedFrame> frames) {
        // These claim a sample wherever they appear: they run SDK and HTTP code of their own.
        for (String claiming : List.of(SQS_SEND, ENGINE)) {
            Pattern pattern = STAGES.get(claiming);
            if (frames.stream().anyMatch(frame -> pattern.matcher(type(frame)).find())) {
                return claiming;
            }
        }
        for (RecordedFrame frame : frames) {
            String type = type(frame);
            for (Map.Entry<String, Pattern> stage : STAGES.entrySet()) {
                if (stage.getValue().matcher(type).find()) {
                    return stage.getKey();
                }
            }
        }
        return "other (JDK, GC, threads)";
    }

    private static String type(RecordedFrame frame) {
        return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
    }
}
