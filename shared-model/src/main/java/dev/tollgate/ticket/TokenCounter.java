package dev.tollgate.ticket;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Token counts for budgets and for usage a server did not report: OpenAI's cl100k_base tokeniser
 * (jtokkit). Exact for OpenAI's older models, close for the rest (Anthropic's and open models'
 * tokenisers count within a few tens of percent of it), which is what a budget with headroom needs.
 * Special-token text in a ticket ({@code <|endoftext|>}) is counted as ordinary text, never refused.
 */
public final class TokenCounter {

    /** Loaded once per container (a few hundred milliseconds, so at start, not on a request). */
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private TokenCounter() {
    }

    public static int count(String text) {
        return text.isEmpty() ? 0 : CL100K.countTokensOrdinary(text);
    }

    /** Forces the tokeniser to load (call at start). */
    public static void warmUp() {
        count("warm up");
    }
}
