package dev.tollgate.license;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A test double for the port; the DynamoDB adapter has its own tests on DynamoDB Local. */
public final class InMemoryLicenseStore implements LicenseStore {

    public final Map<KeyDigest, License> licenses = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<License> find(KeyDigest digest) {
        reads.incrementAndGet();
        return Optional.ofNullable(licenses.get(digest));
    }

    @Override
    public void create(License license) {
        if (licenses.putIfAbsent(license.digest(), license) != null) {
            throw new DuplicateLicenseException();
        }
    }
}
