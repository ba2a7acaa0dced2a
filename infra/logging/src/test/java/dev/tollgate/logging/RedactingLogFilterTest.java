package dev.tollgate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.logging.json.runtime.JsonFormatter;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.formatters.StructuredFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {

    static final String KEY = "ZDMCP-7K3Q-9M2X-4P8R-1V5W-ABCD-EFGH-X2M9";
    static final String EMAIL = "jane.doe@customer.example";
    static final String TOKEN = "Bearer zd-oauth-example-token-1234";

    final RedactingLogFilter filter = new RedactingLogFilter();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    static ExtLogRecord record(Level level, String message, ExtLogRecord.FormatStyle style, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(level, message, style, RedactingLogFilterTest.class.getName());
        record.setLoggerName("dev.tollgate.test");
        record.setParameters(parameters);
        return record;
    }

    @Test
    void printfParametersAreFormattedThenRedactedAndNoneAreLeft() {
        ExtLogRecord record = record(Level.INFO, "validate %s for %s", ExtLogRecord.FormatStyle.PRINTF, KEY, EMAIL);
        assertTrue(filter.isLoggable(record));
        assertEquals("validate [REDACTED:licence-key] for [REDACTED:email]", record.getFormattedMessage());
        assertEquals(ExtLogRecord.FormatStyle.NO_FORMAT, record.getFormatStyle());
        assertNull(record.getParameters());
    }

    @Test
    void messageFormatParametersAreRedactedToo() {
        ExtLogRecord record = record(Level.WARNING, "zendesk refused {0}", ExtLogRecord.FormatStyle.MESSAGE_FORMAT, TOKEN);
        filter.isLoggable(record);
        assertEquals("zendesk refused Bearer [REDACTED:bearer]", record.getFormattedMessage());
    }

    @Test
    void aPlainJulRecordIsHandledAsWell() {
        LogRecord record = new LogRecord(Level.INFO, "api_key={0} from {1}");
        record.setParameters(new Object[] {"k3y-9f8e7d6c", EMAIL});
        filter.isLoggable(record);
        assertEquals("api_key=[REDACTED:api-key] from [REDACTED:email]", record.getMessage());
        assertNull(record.getParameters());
    }

    @Test
    void mdcAndNdcValuesAreRedactedOnTheRecordOnly() {
        MDC.put("requestId", "3f8e2a1c-5b7d-4e9f-a2c4-6d8b0e1f3a5c");
        MDC.put("actor", EMAIL);
        ExtLogRecord record = record(Level.INFO, "done", ExtLogRecord.FormatStyle.NO_FORMAT);
        record.setNdc("licence " + KEY);
        filter.isLoggable(record);
        assertEquals("3f8e2a1c-5b7d-4e9f-a2c4-6d8b0e1f3a5c", record.getMdc("requestId"));
        assertEquals("[REDACTED:email]", record.getMdc("actor"));
        assertEquals("licence [REDACTED:licence-key]", record.getNdc());
        assertEquals(EMAIL, MDC.get("actor"), "the thread's MDC is not the filter's to change");
    }

    @Test
    void aThrownExceptionBecomesAStandInWithTheSameClassNameStackAndCauses() {
        IllegalStateException cause = new IllegalStateException("no licence for " + EMAIL);
        UncheckedIOException thrown = new UncheckedIOException("zendesk said 401 to " + TOKEN,
                new java.io.IOException("upstream", cause));
        thrown.addSuppressed(new IllegalArgumentException("key " + KEY));
        ExtLogRecord record = record(Level.SEVERE, "call failed", ExtLogRecord.FormatStyle.NO_FORMAT);
        record.setThrown(thrown);

        filter.isLoggable(record);

        Throwable standIn = record.getThrown();
        RedactedThrowable top = assertInstanceOf(RedactedThrowable.class, standIn);
        assertEquals(UncheckedIOException.class.getName(), top.originalClassName());
        assertEquals("zendesk said 401 to Bearer [REDACTED:bearer]", top.getMessage());
        assertEquals(UncheckedIOException.class.getName() + ": zendesk said 401 to Bearer [REDACTED:bearer]",
                top.toString());
        assertEquals(java.util.Arrays.asList(thrown.getStackTrace()), java.util.Arrays.asList(top.getStackTrace()));
        RedactedThrowable io = assertInstanceOf(RedactedThrowable.class, top.getCause());
        assertEquals("java.io.IOException: upstream", io.toString());
        RedactedThrowable root = assertInstanceOf(RedactedThrowable.class, io.getCause());
        assertEquals("java.lang.IllegalStateException: no licence for [REDACTED:email]", root.toString());
        assertEquals(java.util.Arrays.asList(cause.getStackTrace()), java.util.Arrays.asList(root.getStackTrace()));
        assertEquals("java.lang.IllegalArgumentException: key [REDACTED:licence-key]",
                top.getSuppressed()[0].toString());

        // A second handler sees the same record: nothing changes any more.
        filter.isLoggable(record);
        assertSame(standIn, record.getThrown());
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        Exception a = new Exception("a " + EMAIL);
        Exception b = new Exception("b", a);
        a.initCause(b);
        Throwable standIn = RedactedThrowable.of(a);
        assertSame(standIn, standIn.getCause().getCause());
    }

    @Test
    void theJsonLineKeepsTheStackAndClassNameButNoSecret() {
        ExtLogRecord record = record(Level.SEVERE, "unexpected failure for %s", ExtLogRecord.FormatStyle.PRINTF, EMAIL);
        record.setThrown(new IllegalStateException("cannot validate " + KEY, new RuntimeException(TOKEN)));
        MDC.put("requestId", "c0a8012e-7f3b-4d21-9a6e-2b4c6d8e0f13");
        filter.isLoggable(record);

        JsonFormatter json = new JsonFormatter();
        json.setExceptionOutputType(StructuredFormatter.ExceptionOutputType.FORMATTED);
        String line = json.format(record);

        assertFalse(line.contains(KEY) || line.contains("7K3Q"), line);
        assertFalse(line.contains(EMAIL), line);
        assertFalse(line.contains("zd-oauth-example-token-1234"), line);
        assertTrue(line.contains("java.lang.IllegalStateException: cannot validate [REDACTED:licence-key]"), line);
        assertTrue(line.contains("Caused by: java.lang.RuntimeException: Bearer [REDACTED:bearer]"), line);
        assertTrue(line.contains("at dev.tollgate.logging.RedactingLogFilterTest.theJsonLineKeepsTheStackAndClassNameButNoSecret"), line);
        assertTrue(line.contains("\"requestId\":\"c0a8012e-7f3b-4d21-9a6e-2b4c6d8e0f13\""), line);
        assertEquals(1, line.strip().lines().count(), "one line: " + line);
    }
}
