package dev.tollgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyVaultTest {

    @TempDir
    Path dir;

    final LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", new Product("zendesk-mcp")));

    @Test
    void theKeyRingIsCreatedOnceOwnerOnlyAndReopenedWithTheSameKeys() throws Exception {
        Path ring = dir.resolve("nested/keyring.json");
        LocalKeyVault first = LocalKeyVault.openOrCreate(ring);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ring)));
        LocalKeyVault again = LocalKeyVault.openOrCreate(ring);
        LicenseKey key = format.generate(new Product("zendesk-mcp"));
        assertEquals(first.digest(key), again.digest(key));
        assertEquals(first.signingKeyId(), again.signingKeyId());
    }

    @Test
    void digestsAreKeyedSoAnotherRingGivesAnotherDigest() {
        LicenseKey key = format.generate(new Product("zendesk-mcp"));
        KeyVault a = LocalKeyVault.openOrCreate(dir.resolve("a.json"));
        KeyVault b = LocalKeyVault.openOrCreate(dir.resolve("b.json"));
        assertNotEquals(a.digest(key), b.digest(key));
        assertEquals(a.digest(key), a.digest(format.parse(key.display().toLowerCase()) instanceof LicenseKey k ? k : null));
    }

    @Test
    void signaturesAreInJoseForm() {
        KeyVault vault = LocalKeyVault.openOrCreate(dir.resolve("a.json"));
        assertEquals(Es256.JOSE_SIGNATURE_LENGTH, vault.signEs256("x.y".getBytes()).length);
    }
}
