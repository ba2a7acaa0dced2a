package dev.tollgate.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A draft of the agent's next public reply, in the requester's language, with {@code needsHuman}
 * when the model is unsure or the answer needs a decision or facts the thread does not hold.
 */
public final class SuggestReply implements TicketOperation {

    public record Result(String reply, String language, boolean needsHuman) {
    }

    @Override
    public String name() {
        return "reply-suggestion";
    }

    @Override
    public LanguageModel.Call call(String thread, Request request) {
        String language = request.requesterLocale()
                .map(l -> "in the requester's language (their profile says " + l + "; if they clearly write in "
                        + "another language, use that one)")
                .orElse("in the language the requester writes in");
        String system = PREAMBLE
                + "Draft the agent's next public reply to the requester, " + language + ". Be accurate, brief and "
                + "polite; promise nothing the thread does not support; never include internal notes' content the "
                + "customer should not see. Answer with one JSON object and nothing else: "
                + "{\"reply\": string, \"language\": BCP 47 code of the reply, \"needsHuman\": boolean}. "
                + "Set needsHuman to true when you are unsure, when the reply needs facts or a decision the thread "
                + "does not contain, or when the customer is upset enough that a person should answer.";
        return new LanguageModel.Call(system, thread, request.maxOutputTokens());
    }

    @Override
    public Object parse(String modelText) {
        Optional<JsonNode> json = TicketOperation.jsonObject(modelText);
        if (json.isPresent() && json.get().path("reply").isTextual() && !json.get().path("reply").asText().isBlank()) {
            JsonNode answer = json.get();
            return new Result(answer.path("reply").asText().strip(), answer.path("language").asText("und"),
                    !answer.path("needsHuman").isBoolean() || answer.path("needsHuman").asBoolean());
        }
        if (modelText.isBlank()) {
            throw TicketRefused.of(TicketRefused.Reason.MODEL_OUTPUT_INVALID, "the model answered an empty reply");
        }
        // A model that ignored the JSON instruction still drafted something; a person must look at it.
        return new Result(modelText.strip(), "und", true);
    }

    @Override
    public String note(Object result) {
        Result r = (Result) result;
        return "Suggested reply (by Tollgate, with your team's model" + (r.needsHuman() ? "; needs a human" : "")
                + "):\n\n" + r.reply();
    }
}
