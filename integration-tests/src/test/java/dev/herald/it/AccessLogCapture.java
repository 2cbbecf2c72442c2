package dev.herald.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import dev.herald.ldap.log.AccessLog;

/** Collects the access log's lines (logger herald.access) while a test runs. */
public final class AccessLogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger;

    public AccessLogCapture() {
        logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        lines.add(event.getFormattedMessage());
        notifyAll();
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits up to 10 s for a line that matches; the line, or an AssertionError listing what was logged. */
    public synchronized String await(Predicate<String> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (match.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching access-log line in:\n" + String.join("\n", lines));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
