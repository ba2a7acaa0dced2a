package dev.tollgate.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A corpus of what must go (true positives) and what must stay (false positives) before a model sees a ticket. */
class RedactorTest {

    static final Redactor REDACTOR = new Redactor(List.of("US", "GB", "DE", "FR"));

    @ParameterizedTest
    @ValueSource(strings = {
            // e-mails
            "write to maria.lopez@example.com please",
            "cc: o'brien+billing@mail.acme-corp.co.uk",
            "<first.last@sub.example.org>",
            // phones, international and local to the configured regions
            "call +1 415 555 0132 tomorrow",
            "my mobile is +49 151 23456789",
            "tel. (415) 555-0132",
            "ring 020 7946 0018 after five",
            "+33 1 42 68 53 00",
            "+34 612 345 678",
            // card numbers that pass Luhn, however grouped
            "card 4111 1111 1111 1111 expired",
            "use 5555-5555-5555-4444 instead",
            "amex 378282246310005",
            "4012888888881881",
            // keys and tokens in their published formats
            "key sk-ant-api03-Vb8Nq2Wm7Xr4Ts9Lp1Kc6Hd3Jf5Gz0Ya-AbCdEfGh",
            "OPENAI_API_KEY=sk-proj-Hd3Jf5Gz0YaVb8Nq2Wm7Xr4Ts9Lp1Kc6",
            "stripe sk_live_51HqLyjWDarjtT1zdp7dcXzEiq",
            "aws AKIAIOSFODNN7EXAMPLE here",
            "gh token ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp",
            "google AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
            "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "Authorization: Bearer zd-oauth-4Rt8Sw1Yb6Cn3Df5Gh0JkL2mX9pQ",
            "api_key: 8f14e45fceea167a5a36dedd4bea2543",
            "password=hunter2hunter2"})
    void sensitiveValuesAreRedacted(String text) {
        String redacted = REDACTOR.apply(text);
        assertTrue(redacted.contains("[redacted"), text + " -> " + redacted);
        assertFalse(redacted.contains("4111 1111") || redacted.contains("@example.com")
                || redacted.contains("555 0132") || redacted.contains("AKIAIOSFODNN7"), text + " -> " + redacted);
        for (String secret : List.of("sk-ant-api03", "Hd3Jf5Gz0Ya", "51HqLyjW", "16C7e42F", "123456789012-", "9tSrke72",
                "dozjgNry", "4Rt8Sw1Y", "8f14e45f", "hunter2h", "5555-5555", "378282246", "4012888888", "7946 0018",
                "23456789", "42 68 53", "612 345", "555-0132")) {
            assertFalse(redacted.contains(secret), text + " -> " + redacted);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // numbers that look like cards but fail Luhn
            "order 4111 1111 1111 1112 shipped",
            "tracking 1234567890123456",
            "invoice 5555-5555-5555-4440",
            // dates, times, versions, amounts, ids, addresses
            "on 2026-11-23 at 10:45",
            "upgrade from 4.2.1 to 4.3.0",
            "the total was $1,234.56",
            "error E-502 in build 20261123",
            "ticket #48213 and #48214",
            "IP 203.0.113.77 timed out",
            "see https://docs.example.com/api/v2/tickets",
            "SKU 88-1200-34",
            "ZIP 10115 Berlin",
            "we open at 07:00 and close at 19:30",
            "a plain sentence with nothing in it",
            "the key is named sk-short",
            "Reference: AB12CD34"})
    void harmlessTextStays(String text) {
        assertEquals(text, REDACTOR.apply(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "378282246310005", "6011111111111117", "79927398713"})
    void luhnAcceptsValidNumbers(String digits) {
        assertTrue(Redactor.luhnValid(digits));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "1234567890123456", "79927398710"})
    void luhnRefusesInvalidNumbers(String digits) {
        assertFalse(Redactor.luhnValid(digits));
    }
}
