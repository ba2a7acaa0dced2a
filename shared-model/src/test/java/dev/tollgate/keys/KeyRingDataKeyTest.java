package dev.tollgate.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key ring's data keys: the same contract KMS keeps for GenerateDataKey / Decrypt. */
class KeyRingDataKeyTest {

    @Test
    void aDataKeyUnwrapsUnderItsContextWhateverTheKeyOrder() {
        KeyRing vault = KeyRing.generate();
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
        KeyRing vault = KeyRing.generate();
        byte[] wrapped = vault.generateDataKey(Map.of("a", "b=c")).wrapped();
        assertThrows(DataKeyUnwrapper.WrongContext.class, () -> vault.unwrapDataKey(wrapped, Map.of("a=b", "c")));
        assertThrows(DataKeyUnwrapper.WrongContext.class, () -> vault.unwrapDataKey(wrapped, Map.of("a", "b=c", "d", "")));
        assertThrows(DataKeyUnwrapper.WrongContext.class, () -> vault.unwrapDataKey(wrapped, Map.of()));
        assertThrows(DataKeyUnwrapper.WrongContext.class, () -> vault.unwrapDataKey(new byte[0], Map.of("a", "b=c")));
    }

    @Test
    void theContextEncodingIsUnambiguous() {
        assertFalse(Arrays.equals(KeyRing.associatedData(Map.of("a", "b=c")),
                KeyRing.associatedData(Map.of("a=b", "c"))));
        assertFalse(Arrays.equals(KeyRing.associatedData(Map.of("ab", "")),
                KeyRing.associatedData(Map.of("a", "b"))));
    }

    @Test
    void aDataKeyNeverPrintsItsBytesAndDestroysToZeros() {
        KeyRing vault = KeyRing.generate();
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
