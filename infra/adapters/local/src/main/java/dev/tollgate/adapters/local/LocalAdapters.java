package dev.tollgate.adapters.local;

import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.DataKeyWrapper;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.keys.KeyRing;
import dev.tollgate.keys.LeaseKeyWrapper;
import dev.tollgate.keys.LeaseSigner;
import dev.tollgate.keys.VerificationKeys;
import dev.tollgate.release.ArtifactStore;
import dev.tollgate.startup.InMemoryStartupEvents;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The local stand-ins for KMS and S3: a key ring file and an artifact folder, plus an in-memory
 * startup queue. Where this module is present (the local runtime, the functions' own tests) its
 * beans are selected alternatives and win over the AWS adapters'; no Lambda package contains it.
 */
@Singleton
public class LocalAdapters {

    /** Above the AWS adapters (which are not alternatives), below the local runtime's own queue. */
    public static final int PRIORITY = 10;

    /** Typed as the ring only, so it does not compete with the capabilities below. */
    @Produces
    @Singleton
    @Typed(KeyRing.class)
    KeyRing keyRing(TollgateConfig config) {
        return LocalKeyRingFile.openOrCreate(Path.of(config.local().keyRing()));
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    KeyDigester keyDigester(KeyRing ring) {
        return ring;
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    LeaseSigner leaseSigner(KeyRing ring) {
        return ring;
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    VerificationKeys verificationKeys(KeyRing ring) {
        return ring;
    }

    /** Lease keys wrapped under the ring's key-encryption key, with the lease-signing context as associated data. */
    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    LeaseKeyWrapper leaseKeyWrapper(KeyRing ring) {
        return ring;
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    DataKeyWrapper dataKeyWrapper(KeyRing ring) {
        return ring;
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    DataKeyUnwrapper dataKeyUnwrapper(KeyRing ring) {
        return ring;
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    ArtifactStore artifactStore(TollgateConfig config, Clock clock) {
        return new LocalArtifactStore(Path.of(config.local().artifactsDir()), clock);
    }

    /** Bounded, in memory: for tests. The local runtime replaces it with its queue and the trail. */
    @Produces
    @Singleton
    @Alternative
    @Priority(PRIORITY)
    StartupEvents startupEvents() {
        return new InMemoryStartupEvents(10_000);
    }
}
