package dev.tollgate.ticket;

import dev.tollgate.credentials.ModelCredentials;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: the tenant's chosen model (Anthropic Messages, OpenAI Chat Completions, or an
 * OpenAI-compatible server), called with the tenant's own key. Failures are {@link TicketRefused}
 * with Tollgate's own reason, never the provider's words.
 */
public interface LanguageModel {

    Reply complete(ModelCredentials credentials, Call call, Deadline deadline);

    /** One request: instructions as the system prompt, the ticket as the user message, an output cap. */
    record Call(String system, String user, int maxOutputTokens) {
        public Call {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(user, "user");
            if (maxOutputTokens < 1) {
                throw new IllegalArgumentException("maxOutputTokens is positive");
            }
        }

        @Override
        public String toString() {
            return "Call[" + system.length() + "+" + user.length() + " chars, max " + maxOutputTokens + " tokens]";
        }
    }

    /** The model's text, and its token usage where the provider reported it (some compatible servers do not). */
    record Reply(String text, Optional<Usage> usage) {
        public Reply {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(usage, "usage");
        }

        @Override
        public String toString() {
            return "Reply[" + text.length() + " chars, usage=" + usage + "]";
        }
    }

    record Usage(long inputTokens, long outputTokens) {
        public Usage {
            if (inputTokens < 0 || outputTokens < 0) {
                throw new IllegalArgumentException("token counts are not negative");
            }
        }
    }
}
