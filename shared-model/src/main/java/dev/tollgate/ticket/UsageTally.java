package dev.tollgate.ticket;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Token usage of one request's model calls, added up across parts running in parallel. */
final class UsageTally {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong input = new AtomicLong();
    private final AtomicLong output = new AtomicLong();
    private final AtomicBoolean estimated = new AtomicBoolean();

    /** Counts one call: the provider's usage, or an estimate (cl100k) where it reported none. */
    LanguageModel.Reply add(LanguageModel.Call call, LanguageModel.Reply reply) {
        LanguageModel.Usage usage = reply.usage().orElseGet(() -> {
            estimated.set(true);
            return new LanguageModel.Usage(TokenCounter.count(call.system()) + TokenCounter.count(call.user()),
                    TokenCounter.count(reply.text()));
        });
        calls.incrementAndGet();
        input.addAndGet(usage.inputTokens());
        output.addAndGet(usage.outputTokens());
        return reply;
    }

    int calls() {
        return calls.get();
    }

    long inputTokens() {
        return input.get();
    }

    long outputTokens() {
        return output.get();
    }

    boolean estimated() {
        return estimated.get();
    }
}
