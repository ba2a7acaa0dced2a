package dev.tollgate.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Redacts every record a handler is about to write: the message (formatted with its parameters
 * first, so a secret passed as a parameter is caught too, and stored with no parameters left),
 * the MDC and NDC values, and the thrown exception, which is replaced by a
 * {@link RedactedThrowable} so its stack is still logged but its message cannot leak.
 *
 * <p>Named {@code tollgate-redact}; the module's defaults attach it to the console and file
 * handlers. It never drops a record.
 */
@LoggingFilter(name = RedactingLogFilter.NAME)
public final class RedactingLogFilter implements Filter {

    public static final String NAME = "tollgate-redact";

    private static final SimpleFormatter JUL_MESSAGES = new SimpleFormatter();

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(Redaction.redact(ext.getFormattedMessage()), ExtLogRecord.FormatStyle.NO_FORMAT);
            redactMdc(ext);
            String ndc = ext.getNdc();
            if (ndc != null && !ndc.isEmpty()) {
                ext.setNdc(Redaction.redact(ndc));
            }
        } else {
            record.setMessage(Redaction.redact(JUL_MESSAGES.formatMessage(record)));
        }
        record.setParameters(null);
        record.setResourceBundle(null);
        record.setResourceBundleName(null);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            record.setThrown(RedactedThrowable.of(thrown));
        }
        return true;
    }

    private static void redactMdc(ExtLogRecord record) {
        for (Map.Entry<String, String> entry : record.getMdcCopy().entrySet()) {
            String value = entry.getValue();
            if (value != null) {
                String redacted = Redaction.redact(value);
                if (!redacted.equals(value)) {
                    record.putMdc(entry.getKey(), redacted);
                }
            }
        }
    }
}
