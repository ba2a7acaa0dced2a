package dev.tollgate.function.tickets;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Every log record of the process while installed (root logger), formatted with its parameters and stack. */
final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    static CapturedLogs install() {
        CapturedLogs logs = new CapturedLogs();
        logs.setLevel(java.util.logging.Level.ALL);
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " ");
        try {
            line.append(formatter.formatMessage(record));
        } catch (RuntimeException e) {
            line.append(record.getMessage());
        }
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(" | ").append(p);
            }
        }
        if (record.getThrown() != null) {
            StringWriter stack = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(stack));
            line.append('\n').append(stack);
        }
        lines.add(line.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
