package dev.tollgate.outcome;

import java.util.Objects;

/**
 * A staff command that cannot be carried out as asked, with a stable code and a reason written for
 * the person who sent it. Nothing has changed when one is thrown. Its kind says whether the request
 * itself is wrong, names something that does not exist, or conflicts with the current state.
 */
public final class Refusal extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;

    private Refusal(Kind kind, String code, String reason) {
        super(reason, null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
    }

    public static Refusal invalid(String reason) {
        return new Refusal(Kind.INVALID, "INVALID_REQUEST", reason);
    }

    public static Refusal notFound(String code, String reason) {
        return new Refusal(Kind.NOT_FOUND, code, reason);
    }

    public static Refusal conflict(String code, String reason) {
        return new Refusal(Kind.CONFLICT, code, reason);
    }

    /** Someone else changed the record between our read and our write; reading again and retrying is safe. */
    public static Refusal concurrentChange(String what) {
        return conflict("CONCURRENT_CHANGE", what + " was changed by another request at the same moment; read it again and retry");
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
