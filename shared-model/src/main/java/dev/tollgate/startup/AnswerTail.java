package dev.tollgate.startup;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where work that must outlive an answer is done after the answer has gone, instead of before it.
 * On Lambda the environment pauses once an invocation ends, so a send still in flight would wait
 * for the next thaw; an answer tail starts such work once the answer is sent and keeps the
 * invocation open until it is done (infra/adapters/lambda). The caller waits for none of it, and
 * the work does not compete with the answer for the CPU.
 */
public interface AnswerTail {

    /**
     * Has {@code work} started once the current answer is sent, and what it returns finished before
     * the environment may pause.
     */
    void afterAnswer(Supplier<CompletableFuture<?>> work);
}
