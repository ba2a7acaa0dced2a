package dev.tollgate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.StructuredFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/**
 * The module's defaults, as Quarkus applies them: JSON console lines, the redaction filter on the
 * console and file handlers, and what a handler finally writes.
 */
@QuarkusTest
class LoggingDefaultsTest {

    static final String KEY = "ZDMCP-7K3Q-9M2X-4P8R-1V5W-ABCD-EFGH-X2M9";
    static final String EMAIL = "jane.doe@customer.example";

    static final Logger LOG = Logger.getLogger(LoggingDefaultsTest.class);

    @Test
    void theDefaultsAreInForce() {
        var config = ConfigProvider.getConfig();
        assertEquals("tollgate-redact", config.getValue("quarkus.log.console.filter", String.class));
        assertEquals("tollgate-redact", config.getValue("quarkus.log.file.filter", String.class));
        assertEquals(Boolean.TRUE, config.getValue("quarkus.log.console.json.enabled", Boolean.class));
    }

    @Test
    void theConsoleHandlerWritesRedactedJson() {
        Handler console = handlers().stream().filter(h -> h instanceof ConsoleHandler).findFirst()
                .orElseThrow(() -> new AssertionError("no console handler among " + handlers()));
        StructuredFormatter json = (StructuredFormatter) console.getFormatter();
        assertEquals("io.quarkus.logging.json.runtime.JsonFormatter", json.getClass().getName());
        assertEquals(StructuredFormatter.ExceptionOutputType.FORMATTED, json.getExceptionOutputType());

        ExtLogRecord record = new ExtLogRecord(Level.INFO, "licence %s of %s", ExtLogRecord.FormatStyle.PRINTF,
                LoggingDefaultsTest.class.getName());
        record.setParameters(new Object[] {KEY, EMAIL});
        record.setLoggerName("dev.tollgate.test");
        assertTrue(console.isLoggable(record), "the handler's filter chain lets the record through");
        String line = json.format(record);
        JsonObject object = Json.createReader(new StringReader(line)).readObject();
        assertEquals("licence [REDACTED:licence-key] of [REDACTED:email]", object.getString("message"));
    }

    @Test
    void whatTheFileHandlerWritesIsRedactedJsonWithTheStack() throws IOException {
        String marker = UUID.randomUUID().toString();
        LOG.errorf(new IllegalStateException("refused " + KEY + " for " + EMAIL),
                "marker %s: validation of %s failed", marker, KEY);
        handlers().forEach(Handler::flush);

        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("target/quarkus-test.log"))) {
            if (line.contains(marker)) {
                lines.add(line);
            }
        }
        assertEquals(1, lines.size(), "one line for one log call: " + lines);
        String line = lines.get(0);
        assertFalse(line.contains("7K3Q") || line.contains(EMAIL), line);
        JsonObject object = Json.createReader(new StringReader(line)).readObject();
        assertEquals("marker " + marker + ": validation of [REDACTED:licence-key] failed", object.getString("message"));
        // jboss-logmanager renders the trace as it follows a message: ": <exception>\n\tat ..."
        String stack = object.getString("stackTrace");
        assertTrue(stack.startsWith(": java.lang.IllegalStateException: refused [REDACTED:licence-key] for [REDACTED:email]\n"),
                stack);
        assertTrue(stack.contains("at dev.tollgate.logging.LoggingDefaultsTest.whatTheFileHandlerWritesIsRedactedJsonWithTheStack"),
                stack);
    }

    static List<Handler> handlers() {
        List<Handler> all = new ArrayList<>();
        collect(LogContext.getLogContext().getLogger("").getHandlers(), all);
        return all;
    }

    private static void collect(Handler[] handlers, List<Handler> into) {
        for (Handler handler : handlers) {
            into.add(handler);
            if (handler instanceof ExtHandler ext) {
                collect(ext.getHandlers(), into);
            }
        }
    }
}
