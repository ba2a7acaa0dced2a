package dev.tollgate.local;

import dev.tollgate.adapters.local.OwnerOnlyFiles;
import dev.tollgate.wiring.TollgateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The local data folder holds the licence and tenant tables, the key ring and the startup journal:
 * its owner's alone. Made owner-only before anything is written in it, and everything in it again
 * once the app has started (a folder from an older version, or loosened by hand, is tightened).
 */
@Singleton
public class LocalDataFolder {

    private static final Logger LOG = Logger.getLogger(LocalDataFolder.class);

    private final Path dir;

    LocalDataFolder(TollgateConfig config) {
        this.dir = Path.of(config.local().dataDir()).toAbsolutePath().normalize();
    }

    /** After the tables, keys and journal exist. */
    void tighten(@Observes @Priority(Integer.MAX_VALUE) StartupEvent started) {
        secure(dir);
    }

    /**
     * Creates {@code dir} owner-only if missing and makes it and everything in it owner-only. A data
     * folder that is the home folder (or holds it) is never walked: only Tollgate's own folder is.
     */
    static void secure(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        try {
            OwnerOnlyFiles.createPrivateDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("the local data folder " + folder + " cannot be created", e);
        }
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (home.startsWith(folder)) {
            LOG.warnf("the local data folder %s holds the home folder; its permissions are left as they are", folder);
            return;
        }
        OwnerOnlyFiles.restrictTree(folder);
    }
}
