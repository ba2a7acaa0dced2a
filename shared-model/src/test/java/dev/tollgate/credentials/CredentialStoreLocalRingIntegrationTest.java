package dev.tollgate.credentials;

import dev.tollgate.keys.KeyVault;
import dev.tollgate.keys.LocalKeyVault;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The credential contract with data keys wrapped by the local key ring (the local runtime's vault). */
class CredentialStoreLocalRingIntegrationTest extends CredentialStoreContract {

    @TempDir
    Path dir;

    @Override
    KeyVault vault() {
        return LocalKeyVault.openOrCreate(dir.resolve("keyring.json"));
    }
}
