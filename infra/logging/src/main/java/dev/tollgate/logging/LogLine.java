package dev.tollgate.logging;

import java.util.Map;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

/**
 * One log line with its own fields (JSON fields of the line, through the MDC of this record only):
 * the per-request and per-batch lines operators read. The redaction filter still sees every field.
 */
public final class LogLine {

    private LogLine() {
    }

    public static void write(String category, Level level, String message, Throwable thrown, Map<String, String> fields) {
        Logger logger = Logger.getLogger(category);
        if (!logger.isLoggable(level)) {
            return;
        }
        ExtLogRecord record = new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.NO_FORMAT, LogLine.class.getName());
        record.setLoggerName(category);
        record.setThrown(thrown);
        fields.forEach(record::putMdc);
        logger.log(record);
    }
}
