package dev.tollgate.ticket;

import dev.tollgate.credentials.ModelCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes any ticket fit the model's context budget. A thread that fits is used whole. A longer one is
 * split into parts (whole comments where they fit, slices of a comment where one alone does not),
 * each part is turned into notes by the model, in parallel on a bounded pool, and the notes stand in
 * for the thread. Notes that are still too long together are merged the same way, level by level,
 * until they fit. Every wait is bounded by the request's deadline.
 */
final class LongTickets {

    private final LanguageModel model;
    private final ExecutorService pool;
    private final int budgetTokens;
    private final int notesWords;
    private final int notesMaxTokens;

    LongTickets(LanguageModel model, ExecutorService pool, int budgetTokens, int notesWords) {
        this.model = model;
        this.pool = pool;
        this.budgetTokens = budgetTokens;
        this.notesWords = notesWords;
        // A word is 1.3 tokens or so in English and more elsewhere; twice the words is the cap.
        this.notesMaxTokens = notesWords * 2 + 50;
        if (budgetTokens < 4 * notesMaxTokens + 500) {
            throw new IllegalArgumentException("a context budget of " + budgetTokens + " tokens cannot hold the notes of "
                    + "four parts of " + notesWords + " words; raise the budget or lower the notes' words");
        }
    }

    /** The thread, or notes standing in for it, and into how many parts it was split (1 = whole). */
    record Condensed(String thread, int parts) {
    }

    Condensed condense(ModelCredentials credentials, TicketText text, int reservedTokens, Deadline deadline,
                       UsageTally tally) {
        int budget = budgetTokens - reservedTokens;
        String whole = text.whole();
        if (TokenCounter.count(whole) <= budget) {
            return new Condensed(whole, 1);
        }
        List<String> parts = split(text, budget);
        int total = parts.size();
        List<String> notes = inParallel(parts, (part, i) -> new LanguageModel.Call(TicketOperation.PREAMBLE
                + "This is part " + (i + 1) + " of " + total + " of a long ticket's thread. Write notes, in English, "
                + "of at most " + notesWords + " words of plain text, that keep what a later reader needs: what the "
                + "requester asked and expects, facts (products, versions, errors, numbers of orders or invoices), "
                + "what agents did, promised or decided (internal notes included), how the part ends, and the "
                + "language and tone the requester writes in.", part, notesMaxTokens), credentials, deadline, tally);
        for (int level = 0; TokenCounter.count(joined(text, notes)) > budget; level++) {
            if (level == 8) {
                throw TicketRefused.of(TicketRefused.Reason.INTERNAL, "the notes of a long ticket did not shrink");
            }
            List<String> groups = group(notes, budget - TokenCounter.count(text.header()) - 200);
            notes = inParallel(groups, (group, i) -> new LanguageModel.Call(TicketOperation.PREAMBLE
                    + "These are notes on consecutive parts of one long ticket, in order. Merge them into one set of "
                    + "notes, in English, of at most " + notesWords + " words of plain text, keeping the order of "
                    + "events and every commitment, decision and open question.", group, notesMaxTokens),
                    credentials, deadline, tally);
        }
        return new Condensed(joined(text, notes), total);
    }

    private static String joined(TicketText text, List<String> notes) {
        StringBuilder out = new StringBuilder(text.header()).append('\n')
                .append("The thread has ").append(text.comments().size())
                .append(" comments; it was too long to read whole, so here are notes on it, in order:\n");
        for (int i = 0; i < notes.size(); i++) {
            out.append("--- Notes ").append(i + 1).append(" of ").append(notes.size()).append('\n')
                    .append(notes.get(i).strip()).append('\n');
        }
        return out.toString();
    }

    /** Parts of at most {@code budget} tokens: the header, then as many whole comments as fit. */
    static List<String> split(TicketText text, int budget) {
        int headerTokens = TokenCounter.count(text.header()) + 30;
        int room = budget - headerTokens;
        if (room < 200) {
            throw TicketRefused.of(TicketRefused.Reason.INTERNAL, "the context budget cannot hold a part");
        }
        List<String> pieces = new ArrayList<>();
        for (String comment : text.comments()) {
            pieces.addAll(slices(comment, room));
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int used = 0;
        for (String piece : pieces) {
            int tokens = TokenCounter.count(piece);
            if (used > 0 && used + tokens > room) {
                parts.add(text.header() + "\n" + part);
                part.setLength(0);
                used = 0;
            }
            part.append(piece);
            used += tokens;
        }
        if (used > 0) {
            parts.add(text.header() + "\n" + part);
        }
        return parts;
    }

    /** A comment too long for a part on its own, cut into slices that fit, at line or word breaks where possible. */
    private static List<String> slices(String comment, int room) {
        if (TokenCounter.count(comment) <= room) {
            return List.of(comment);
        }
        List<String> out = new ArrayList<>();
        int chars = Math.max(200, room * 3); // no tokeniser produces fewer than one token per 3 characters of prose
        for (int start = 0; start < comment.length(); ) {
            int end = Math.min(comment.length(), start + chars);
            if (end < comment.length()) {
                int brk = Math.max(comment.lastIndexOf('\n', end), comment.lastIndexOf(' ', end));
                if (brk > start + chars / 2) {
                    end = brk + 1;
                }
            }
            String slice = comment.substring(start, end);
            while (TokenCounter.count(slice) > room && slice.length() > 100) {
                end = start + slice.length() / 2;
                slice = comment.substring(start, end);
            }
            out.add((start == 0 ? "" : "(continued)\n") + slice + "\n");
            start = end;
        }
        return out;
    }

    /** Consecutive notes grouped into texts of at most {@code room} tokens, at least two per group. */
    private static List<String> group(List<String> notes, int room) {
        List<String> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        int used = 0;
        int inGroup = 0;
        for (String note : notes) {
            int tokens = TokenCounter.count(note) + 10;
            if (inGroup >= 2 && used + tokens > room) {
                groups.add(group.toString());
                group.setLength(0);
                used = 0;
                inGroup = 0;
            }
            group.append("--- Notes\n").append(note.strip()).append('\n');
            used += tokens;
            inGroup++;
        }
        if (inGroup > 0) {
            groups.add(group.toString());
        }
        return groups;
    }

    interface CallFor {
        LanguageModel.Call of(String text, int index);
    }

    /** One model call per text on the pool; answers in order, or the first refusal, or DEADLINE_EXCEEDED. */
    private List<String> inParallel(List<String> texts, CallFor callFor, ModelCredentials credentials, Deadline deadline,
                                    UsageTally tally) {
        List<Future<String>> futures = new ArrayList<>(texts.size());
        try {
            for (int i = 0; i < texts.size(); i++) {
                LanguageModel.Call call = callFor.of(texts.get(i), i);
                futures.add(pool.submit(() -> {
                    deadline.check("summarising a part of a long ticket");
                    return tally.add(call, model.complete(credentials, call, deadline)).text();
                }));
            }
            List<String> out = new ArrayList<>(texts.size());
            for (Future<String> future : futures) {
                out.add(future.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS));
            }
            return out;
        } catch (TimeoutException | CancellationException e) {
            throw TicketRefused.deadline("summarising the parts of a long ticket");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TicketRefused.deadline("summarising the parts of a long ticket");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TicketRefused refused) {
                throw refused;
            }
            throw TicketRefused.of(TicketRefused.Reason.INTERNAL, "a part failed inside Tollgate ("
                    + e.getCause().getClass().getSimpleName() + ")");
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }
}
