package dev.tollgate.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Triage read from the whole thread: intent, sentiment (very negative to very positive) and language,
 * each with a confidence from 0 to 1, a suggested priority and tags. The model's JSON must match
 * {@code triage.schema.json}; anything else is MODEL_OUTPUT_INVALID, never a guess.
 */
public final class TriageTicket implements TicketOperation {

    private final TriageSchema schema;

    public TriageTicket(TriageSchema schema) {
        this.schema = schema;
    }

    public record Scored(String value, double confidence) {
    }

    public record Result(Scored intent, Scored sentiment, Scored language, String suggestedPriority,
                         List<String> suggestedTags) {
    }

    @Override
    public String name() {
        return "triage";
    }

    @Override
    public LanguageModel.Call call(String thread, Request request) {
        String system = PREAMBLE
                + "Triage the ticket from its whole thread, not only the first message: the latest comments say "
                + "where it stands now. Answer with one JSON object and nothing else, exactly of this shape:\n"
                + "{\"intent\": {\"value\": short snake_case label such as billing_question, bug_report, "
                + "feature_request, account_access, cancellation, how_to, complaint, \"confidence\": 0..1},\n"
                + " \"sentiment\": {\"value\": one of very_negative, negative, neutral, positive, very_positive "
                + "(the requester's, as of the latest comments), \"confidence\": 0..1},\n"
                + " \"language\": {\"value\": BCP 47 code of the requester's language, \"confidence\": 0..1},\n"
                + " \"suggestedPriority\": one of low, normal, high, urgent,\n"
                + " \"suggestedTags\": up to 10 short lowercase tags}";
        return new LanguageModel.Call(system, thread, request.maxOutputTokens());
    }

    @Override
    public Object parse(String modelText) {
        JsonNode json = TicketOperation.jsonObject(modelText).orElseThrow(() -> TicketRefused.of(
                TicketRefused.Reason.MODEL_OUTPUT_INVALID, "the model's triage is not a JSON object"));
        List<String> violations = schema.violations(json);
        if (!violations.isEmpty()) {
            throw TicketRefused.of(TicketRefused.Reason.MODEL_OUTPUT_INVALID,
                    "the model's triage does not match the triage schema: " + String.join("; ", violations));
        }
        List<String> tags = new ArrayList<>();
        json.get("suggestedTags").forEach(t -> tags.add(t.asText()));
        return new Result(scored(json.get("intent")), scored(json.get("sentiment")), scored(json.get("language")),
                json.get("suggestedPriority").asText(), List.copyOf(tags));
    }

    private static Scored scored(JsonNode node) {
        return new Scored(node.get("value").asText(), node.get("confidence").asDouble());
    }

    @Override
    public String note(Object result) {
        Result r = (Result) result;
        return String.format(java.util.Locale.ROOT, "Triage (by Tollgate, with your team's model):%n"
                        + "intent: %s (%.2f)%nsentiment: %s (%.2f)%nlanguage: %s (%.2f)%nsuggested priority: %s%n"
                        + "suggested tags: %s",
                r.intent().value(), r.intent().confidence(), r.sentiment().value(), r.sentiment().confidence(),
                r.language().value(), r.language().confidence(), r.suggestedPriority(),
                String.join(", ", r.suggestedTags()));
    }
}
