package dev.tollgate.keys;

import java.util.List;

/** Port: the lease signing keys, a handful of rows in their own table. */
public interface LeaseKeys {

    /** Every key, whatever its status, newest first. */
    List<LeaseKey> all();

    /** Writes {@code changed} together (all or none): a rotation adds a key and demotes the previous one. */
    void save(List<LeaseKey> changed);
}
