package dev.tollgate.retention;

/** Port: which tenants are under a legal hold, read once per purge run. */
public interface LegalHolds {

    /** The held tenants and every licence of theirs, whether or not it is past its retention. */
    HeldRecords held();
}
