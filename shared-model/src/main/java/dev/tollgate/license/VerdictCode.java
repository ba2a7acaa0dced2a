package dev.tollgate.license;

/** The answer to "may this instance run?", specific enough for an operator to act on. */
public enum VerdictCode {
    VALID, NOT_FOUND, EXPIRED, SUSPENDED, CANCELLED, PRODUCT_MISMATCH, MALFORMED_KEY
}
