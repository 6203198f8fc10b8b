package dev.passerelle.gateway;

import org.jboss.logmanager.ExtLogRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the gateway's access-log lines (logger {@code passerelle.access}, raised to INFO while
 * capturing: the test profile keeps it at WARN). The gateway under test runs in the same JVM.
 */
final class AccessLogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("passerelle.access");
    private final Level previous;
    private final List<String> lines = new ArrayList<>();

    AccessLogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
    }

    /** @return every line captured so far */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the lines matching, waiting up to 5 s for at least one (the line is written when the exchange ends) */
    List<String> await(Predicate<String> which) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<String> found = lines().stream().filter(which).toList();
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }

    /** @return the one line containing the text (fails unless exactly one, after waiting for it) */
    String one(String containing) throws InterruptedException {
        List<String> found = await(l -> l.contains(containing));
        if (found.size() != 1) {
            throw new AssertionError("expected one access-log line containing '" + containing + "', got " + found + " of " + lines());
        }
        return found.get(0);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
