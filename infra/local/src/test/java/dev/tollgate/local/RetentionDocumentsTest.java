package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tollgate.retention.RetentionPolicy;
import dev.tollgate.wiring.TollgateConfig;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "What is stored, and for how long", the SAM template's retention settings and the
 * configuration's defaults, each held against {@link RetentionPolicy#PROMISED}: none of them can
 * say another number than the code keeps.
 */
class RetentionDocumentsTest {

    static final RetentionPolicy POLICY = RetentionPolicy.PROMISED;
    private static Path root;
    private static JsonNode template;

    @BeforeAll
    static void read() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("sam-template.yaml"))) {
                root = dir;
                break;
            }
        }
        template = new YAMLMapper().readTree(root.resolve("sam-template.yaml").toFile());
    }

    @Test
    void theReadmeTableSaysThePolicysPeriods() throws IOException {
        Map<String, String> kept = readmeTable();
        Map<String, Set<Long>> expected = new LinkedHashMap<>();
        expected.put("licences table", days(POLICY.licenseAfterExpiry()));
        expected.put("tenants table", days(POLICY.credentialGrace()));
        expected.put("admin audit table", days(POLICY.adminAudit()));
        expected.put("usage table", Set.of());
        expected.put("idempotency table", days(POLICY.dedupMarkers()));
        expected.put("startup-log table", days(POLICY.startupLog()));
        expected.put("unknown-key tally (startup-log table)", days(POLICY.unknownKeyTally()));
        expected.put("purge-reports table", days(POLICY.purgeReports()));
        expected.put("lease keys table", Set.of());
        expected.put("releases table", Set.of());
        expected.put("artifacts bucket", days(POLICY.unpublishedUploads()));
        expected.put("startup queue / dead-letter queues", days(POLICY.deadLetters()));
        expected.put("function and API logs", days(POLICY.serverLogs()));
        assertEquals(expected.keySet(), kept.keySet(), "the table's stores");
        expected.forEach((store, periods) -> assertEquals(periods, periodsIn(kept.get(store)), store + ": " + kept.get(store)));
        assertTrue(kept.get("usage table").contains("kept"), "usage counters are kept");
        assertTrue(POLICY.usageCounters().isEmpty());
    }

    @Test
    void theTemplateKeepsWhatThePolicySays() {
        List<String> logGroups = new ArrayList<>();
        Set<String> deadLetterQueues = new HashSet<>();
        template.path("Resources").fields().forEachRemaining(r -> {
            JsonNode props = r.getValue().path("Properties");
            switch (r.getValue().path("Type").asText()) {
                case "AWS::Logs::LogGroup" -> {
                    logGroups.add(r.getKey());
                    assertEquals(POLICY.serverLogs().toDays(), props.path("RetentionInDays").asLong(), r.getKey());
                }
                case "AWS::SQS::Queue" -> {
                    JsonNode target = props.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt");
                    if (target.isArray()) {
                        deadLetterQueues.add(target.get(0).asText());
                    }
                }
                case "AWS::Serverless::Function" -> props.path("Events").forEach(e -> {
                    JsonNode target = e.path("Properties").path("DeadLetterConfig").path("Arn").path("Fn::GetAtt");
                    if (target.isArray()) {
                        deadLetterQueues.add(target.get(0).asText());
                    }
                });
                default -> {
                }
            }
        });
        assertTrue(logGroups.size() >= 5, "a log group per function and the API's: " + logGroups);
        assertEquals(Set.of("StartupDeadLetterQueue", "PurgeScheduleDeadLetterQueue"), deadLetterQueues);
        for (String queue : deadLetterQueues) {
            assertEquals(POLICY.deadLetters().toSeconds(),
                    template.path("Resources").path(queue).path("Properties").path("MessageRetentionPeriod").asLong(), queue);
        }

        JsonNode uploads = null;
        for (JsonNode rule : template.path("Resources").path("ArtifactsBucket").path("Properties")
                .path("LifecycleConfiguration").path("Rules")) {
            if ("uploads/".equals(rule.path("Prefix").asText())) {
                uploads = rule;
            }
        }
        assertTrue(uploads != null, "a lifecycle rule for uploads/");
        assertEquals(POLICY.unpublishedUploads().toDays(), uploads.path("ExpirationInDays").asLong());
        assertEquals(POLICY.unpublishedUploads().toDays(), uploads.path("NoncurrentVersionExpiration").path("NoncurrentDays").asLong());

        // Every table with an expiring kind of record has TTL on (the purge is the guarantee, TTL the first line).
        for (String table : List.of("LicensesTable", "StartupLogTable", "AdminAuditTable", "PurgeReportsTable",
                "IdempotencyTable")) {
            JsonNode ttl = template.path("Resources").path(table).path("Properties").path("TimeToLiveSpecification");
            assertTrue(ttl.path("Enabled").asBoolean(), table);
            assertEquals("ttl", ttl.path("AttributeName").asText(), table);
        }
    }

    @Test
    void theConfigurationDefaultsAreThePromisedPeriods() throws Exception {
        Map<String, Duration> promised = Map.of(
                "licenseAfterExpiry", POLICY.licenseAfterExpiry(), "startupLog", POLICY.startupLog(),
                "dedupMarkers", POLICY.dedupMarkers(), "credentialGrace", POLICY.credentialGrace(),
                "adminAudit", POLICY.adminAudit(), "purgeReports", POLICY.purgeReports());
        Set<String> tunable = new TreeSet<>();
        for (var method : TollgateConfig.RetentionConfig.class.getDeclaredMethods()) {
            tunable.add(method.getName());
            assertEquals(promised.get(method.getName()), Duration.parse(method.getAnnotation(WithDefault.class).value()),
                    method.getName());
        }
        assertEquals(new TreeSet<>(promised.keySet()), tunable);
    }

    /** Store (first column) -> "kept" (last column), for each row of the README's table. */
    static Map<String, String> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("README.md"));
        int start = lines.indexOf("## What is stored, and for how long");
        assertFalse(start < 0, "README section missing");
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break; // the next heading: the table is done
            }
            if (!line.startsWith("| ") || line.startsWith("| store ") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            rows.put(cells[1].strip(), cells[cells.length - 1].strip());
        }
        return rows;
    }

    static Set<Long> periodsIn(String text) {
        Set<Long> days = new TreeSet<>();
        Matcher d = Pattern.compile("(\\d+) days?\\b").matcher(text);
        while (d.find()) {
            days.add(Long.parseLong(d.group(1)));
        }
        Matcher y = Pattern.compile("(\\d+) years?\\b").matcher(text);
        while (y.find()) {
            days.add(365 * Long.parseLong(y.group(1)));
        }
        return days;
    }

    static Set<Long> days(Duration period) {
        return Set.of(period.toDays());
    }
}
