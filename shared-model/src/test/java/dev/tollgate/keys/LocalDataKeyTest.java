package dev.tollgate.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local key ring's data keys: the same contract KMS keeps for GenerateDataKey / Decrypt. */
class LocalDataKeyTest {

    @TempDir
    Path dir;

    @Test
    void aDataKeyUnwrapsUnderItsContextWhateverTheKeyOrder() {
        KeyVault vault = LocalKeyVault.openOrCreate(dir.resolve("ring.json"));
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");

        DataKey key = vault.generateDataKey(forward);
        assertEquals(DataKey.KEY_BYTES, key.plaintext().length);
        assertArrayEquals(key.plaintext(), vault.unwrapDataKey(key.wrapped(), backward));
    }

    @Test
    void aDataKeyDoesNotUnwrapUnderAnotherContext() {
        KeyVault vault = LocalKeyVault.openOrCreate(dir.resolve("ring.json"));
        byte[] wrapped = vault.generateDataKey(Map.of("a", "b=c")).wrapped();
        assertThrows(KeyVault.WrongContext.class, () -> vault.unwrapDataKey(wrapped, Map.of("a=b", "c")));
        assertThrows(KeyVault.WrongContext.class, () -> vault.unwrapDataKey(wrapped, Map.of("a", "b=c", "d", "")));
        assertThrows(KeyVault.WrongContext.class, () -> vault.unwrapDataKey(wrapped, Map.of()));
        assertThrows(KeyVault.WrongContext.class, () -> vault.unwrapDataKey(new byte[0], Map.of("a", "b=c")));
    }

    @Test
    void theContextEncodingIsUnambiguous() {
        assertFalse(Arrays.equals(LocalKeyVault.associatedData(Map.of("a", "b=c")),
                LocalKeyVault.associatedData(Map.of("a=b", "c"))));
        assertFalse(Arrays.equals(LocalKeyVault.associatedData(Map.of("ab", "")),
                LocalKeyVault.associatedData(Map.of("a", "b"))));
    }

    @Test
    void aDataKeyNeverPrintsItsBytesAndDestroysToZeros() {
        KeyVault vault = LocalKeyVault.openOrCreate(dir.resolve("ring.json"));
        DataKey key = vault.generateDataKey(Map.of("a", "b"));
        String text = key.toString();
        assertFalse(text.contains(HexFormat.of().formatHex(key.plaintext())));
        assertFalse(text.contains(Base64.getEncoder().encodeToString(key.plaintext())));
        assertFalse(text.contains(Arrays.toString(key.plaintext())));

        byte[] wrapped = key.wrapped().clone();
        key.destroy();
        assertArrayEquals(new byte[DataKey.KEY_BYTES], key.plaintext());
        assertArrayEquals(wrapped, key.wrapped());
    }
}
