package dev.tollgate.ticket;

/**
 * A short summary for the agent who picks the ticket up: the problem, what the customer expects,
 * what was done, the status and the next step, in about {@code summaryWords} words (100 by default).
 */
public final class SummariseTicket implements TicketOperation {

    public record Result(String summary) {
    }

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public LanguageModel.Call call(String thread, Request request) {
        String language = request.locale().map(l -> "in the language of the locale " + l)
                .orElse("in English");
        String system = PREAMBLE
                + "Summarise the ticket for the agent who picks it up next, " + language + ", in at most "
                + request.summaryWords() + " words of plain text without a preamble. Cover, in this order: the "
                + "customer's problem; what the customer expects; what has been done so far; the current status; "
                + "the next step. Read the whole thread; internal notes are the team's own remarks.";
        return new LanguageModel.Call(system, thread, request.maxOutputTokens());
    }

    @Override
    public Object parse(String modelText) {
        String summary = modelText.strip();
        if (summary.isEmpty()) {
            throw TicketRefused.of(TicketRefused.Reason.MODEL_OUTPUT_INVALID, "the model answered an empty summary");
        }
        return new Result(summary);
    }

    @Override
    public String note(Object result) {
        return "Summary (by Tollgate, with your team's model):\n\n" + ((Result) result).summary();
    }
}
