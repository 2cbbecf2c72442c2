package dev.herald.ldap.log;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * Points the access log (logger {@value AccessLog#LOGGER}) where the configuration's {@code
 * logging.access-log} says: nowhere, standard output, or appended to a file; one line per
 * event with a timestamp. Server messages stay where logback.xml sends them (standard error).
 * Used by the command line only: a server embedded in another program leaves logging alone.
 */
public final class AccessLogRouting {

    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %msg%n";

    private AccessLogRouting() {}

    /** Nothing is logged to the access log. */
    public static void off() {
        logger().ifPresent(l -> l.setLevel(Level.OFF));
    }

    /** Access-log lines go to standard output. */
    public static void toStdout() {
        logger().ifPresent(l -> {
            ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
            out.setTarget("System.out");
            attach(l, out, "access-stdout");
        });
    }

    /** Access-log lines are appended to {@code file} (its folder must exist). */
    public static void toFile(Path file) {
        logger().ifPresent(l -> {
            FileAppender<ILoggingEvent> out = new FileAppender<>();
            out.setFile(file.toString());
            out.setAppend(true);
            attach(l, out, "access-file");
        });
    }

    private static void attach(Logger logger, OutputStreamAppender<ILoggingEvent> appender, String name) {
        LoggerContext context = logger.getLoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        logger.detachAndStopAllAppenders();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
    }

    private static java.util.Optional<Logger> logger() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            return java.util.Optional.of(context.getLogger(AccessLog.LOGGER));
        }
        return java.util.Optional.empty();
    }
}
