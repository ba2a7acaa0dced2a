package dev.tollgate.credentials;

import dev.tollgate.outcome.Refusal;

/** The shape every stored secret must have, and the only part of one that is ever shown. */
final class Secrets {

    static final int MIN = 8;
    static final int MAX = 4096;

    private Secrets() {
    }

    /** Printable ASCII without spaces: what API keys and tokens are, and what survives sealing unchanged. */
    static void requireToken(String field, String secret) {
        if (secret == null || secret.length() < MIN || secret.length() > MAX
                || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw Refusal.invalid("'" + field + "' is " + MIN + " to " + MAX + " printable characters without spaces");
        }
    }

    /** The last four characters: enough for staff and customer to tell which key is stored. */
    static String last4(String secret) {
        return secret.substring(secret.length() - 4);
    }
}
