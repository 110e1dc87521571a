package tracker.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log record of the service (it runs in the test's JVM) while open, as level + formatted text + stack. */
public final class LogCapture extends Handler implements AutoCloseable {

    public record Line(Level level, String text) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public List<Line> lines() {
        return lines;
    }

    public boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.text().contains(text));
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                : record.getMessage();
        StringWriter text = new StringWriter().append(String.valueOf(message));
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text.append('\n')));
        }
        lines.add(new Line(record.getLevel(), text.toString()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
