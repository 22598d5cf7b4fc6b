package org.careid.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server's log records while it is open: a handler on the root logger of the test JVM (the
 * app under @QuarkusTest runs in it). Records are kept as they are, so a test can look at level,
 * logger, message and thrown exception.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Records at or above the level (JUL levels: WARNING is WARN, SEVERE is ERROR). */
    public List<LogRecord> atLeast(Level level) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
        }
    }

    /** Records that carry a stack trace. */
    public List<LogRecord> withStackTraces() {
        synchronized (records) {
            return records.stream().filter(r -> r.getThrown() != null).toList();
        }
    }

    /** One line per record, for assertion messages. */
    public static String describe(List<LogRecord> list) {
        StringBuilder out = new StringBuilder();
        for (LogRecord r : list) {
            String message = r.getMessage();
            Object[] params = r.getParameters();
            if (params != null && params.length > 0 && message != null && message.contains("%")) {
                try {
                    message = String.format(message, params);
                } catch (RuntimeException ignored) {
                    // keep the pattern as it is
                }
            }
            out.append("\n  ").append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ").append(message);
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                out.append("\n    ").append(trace.toString().lines().limit(4).reduce((a, b) -> a + "\n    " + b).orElse(""));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
