package dev.tollgate.release;

/** An update request that cannot be served; the reason is precise enough to act on. */
public final class UpdateRefused extends RuntimeException {

    /** Licence reasons carry validation's verdict codes, so an update script reads them the same way. */
    public enum Reason { MALFORMED_KEY, NOT_FOUND, EXPIRED, SUSPENDED, CANCELLED, MALFORMED_VERSION, MALFORMED_CHANNEL, VERSION_NOT_FOUND }

    private final Reason reason;

    public UpdateRefused(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
