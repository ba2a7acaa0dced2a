package dev.tollgate.license;

/** A key that failed the offline format check; {@link #reason()} says which rule it broke. */
public record MalformedKey(Reason reason, String detail) implements ParsedKey {

    public enum Reason { EMPTY, TOO_LONG, BAD_CHARACTER, UNKNOWN_PREFIX, WRONG_LENGTH, BAD_CHECK_CHARACTER }
}
