package dev.tollgate.function.purge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The event as AWS delivers it: EventBridge Scheduler's default notification ({@code "source":
 * "aws.scheduler"}, {@code "detail": "{}"}: the detail is a JSON string there) or an EventBridge
 * rule's scheduled event ({@code "source": "aws.events"}, {@code "detail": {}}). An operator runs a
 * dry run by invoking the function with {@code "detail": {"dryRun": true}} (object or string).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledEvent(String id, @JsonProperty("detail-type") String detailType, String source, String time,
                             List<String> resources, JsonNode detail) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** True only when the detail says so, in either of the shapes AWS uses. */
    public boolean dryRun() {
        JsonNode d = detail;
        if (d != null && d.isTextual()) {
            try {
                d = JSON.readTree(d.asText());
            } catch (Exception notJson) {
                return false;
            }
        }
        return d != null && d.path("dryRun").asBoolean(false);
    }
}
