package dev.tollgate.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LicenseKeyFormatTest {

    static final Product ZENDESK = new Product("zendesk-mcp");
    static final Product OTHER = new Product("other-app");
    final LicenseKeyFormat format = new LicenseKeyFormat(Map.of("ZDMCP", ZENDESK, "XAPP", OTHER));

    @Test
    void generatedKeysParseBackToThemselvesInDisplayAndCanonicalForm() {
        for (int i = 0; i < 2_000; i++) {
            LicenseKey key = format.generate(i % 2 == 0 ? ZENDESK : OTHER);
            assertEquals(key, format.parse(key.display()));
            assertEquals(key, format.parse(key.canonical()));
        }
    }

    @Test
    void keysCarryAtLeast128RandomBitsAndAreUnique() {
        LicenseKey key = format.generate(ZENDESK);
        int randomChars = key.canonical().length() - key.prefix().length() - 1;
        assertTrue(randomChars * 5 >= 128, "random bits: " + randomChars * 5);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(format.generate(ZENDESK).canonical()));
        }
    }

    @Test
    void displayFormIsPrefixThenGroupsOfFour() {
        String shown = format.generate(ZENDESK).display();
        assertTrue(shown.matches("ZDMCP(-[0-9A-HJKMNP-TV-Z]{4}){7}"), shown);
    }

    @Test
    void everySingleCharacterCorruptionIsCaughtByTheCheckCharacter() {
        for (int n = 0; n < 50; n++) {
            String key = format.generate(ZENDESK).canonical();
            for (int position = 0; position < key.length(); position++) {
                for (char replacement : LicenseKeyFormat.ALPHABET.toCharArray()) {
                    if (replacement == key.charAt(position)) {
                        continue;
                    }
                    String corrupted = key.substring(0, position) + replacement + key.substring(position + 1);
                    ParsedKey parsed = format.parse(corrupted);
                    assertInstanceOf(MalformedKey.class, parsed, "accepted " + corrupted + " from " + key);
                }
            }
        }
    }

    @Test
    void adjacentTranspositionsAreCaughtAlmostAlways() {
        int caught = 0;
        int tried = 0;
        for (int n = 0; n < 200; n++) {
            String key = format.generate(ZENDESK).canonical();
            for (int i = 5; i < key.length() - 1; i++) {
                if (key.charAt(i) == key.charAt(i + 1)) {
                    continue;
                }
                String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
                tried++;
                if (format.parse(swapped) instanceof MalformedKey) {
                    caught++;
                }
            }
        }
        assertTrue(caught >= tried * 0.9, caught + " of " + tried);
    }

    @Test
    void caseSpacingGroupingAndCrockfordLookAlikesAreForgiven() {
        LicenseKey key = format.generate(ZENDESK);
        String display = key.display();
        assertEquals(key, format.parse(display.toLowerCase(Locale.ROOT)));
        assertEquals(key, format.parse(display.replace("-", " ")));
        assertEquals(key, format.parse(display.replace("-", "")));
        assertEquals(key, format.parse("  " + key.canonical().replaceAll("(.{3})", "$1-") + " "));
        String withLookAlikes = key.canonical().replace('1', 'l').replace('0', 'O');
        assertEquals(key, format.parse(withLookAlikes));
    }

    @Test
    void malformedKeysSayWhichRuleTheyBreak() {
        LicenseKey key = format.generate(ZENDESK);
        String c = key.canonical();
        assertReason(MalformedKey.Reason.EMPTY, "");
        assertReason(MalformedKey.Reason.EMPTY, "   ");
        assertReason(MalformedKey.Reason.EMPTY, null);
        assertReason(MalformedKey.Reason.TOO_LONG, "A".repeat(500));
        assertReason(MalformedKey.Reason.BAD_CHARACTER, c.substring(0, 10) + "U" + c.substring(11));
        assertReason(MalformedKey.Reason.BAD_CHARACTER, c.substring(0, 10) + "#" + c.substring(11));
        assertReason(MalformedKey.Reason.BAD_CHARACTER, c + "\n");
        assertReason(MalformedKey.Reason.UNKNOWN_PREFIX, "XYZW" + c.substring(5));
        assertReason(MalformedKey.Reason.WRONG_LENGTH, c.substring(0, c.length() - 1));
        assertReason(MalformedKey.Reason.WRONG_LENGTH, c + "0");
        char wrongCheck = c.charAt(c.length() - 1) == '0' ? '1' : '0';
        assertReason(MalformedKey.Reason.BAD_CHECK_CHARACTER, c.substring(0, c.length() - 1) + wrongCheck);
    }

    @Test
    void aKeyNeverShowsItselfInToString() {
        LicenseKey key = format.generate(ZENDESK);
        assertTrue(!key.toString().contains(key.canonical().substring(5, 15)), key.toString());
        assertNotEquals(key.canonical(), key.toString());
    }

    private void assertReason(MalformedKey.Reason expected, String raw) {
        ParsedKey parsed = format.parse(raw);
        MalformedKey malformed = assertInstanceOf(MalformedKey.class, parsed, "accepted " + raw);
        assertEquals(expected, malformed.reason(), malformed.detail());
    }
}
