package dev.meshsdk.spark;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What one logger logs at WARN and above until closed, whatever level the tests' {@code log4j2-test.properties}
 * gives it (Spark's loggers are at ERROR there).
 */
final class LoggerCapture implements AutoCloseable {
    private final String logger;
    private final StringWriter into = new StringWriter();
    private final WriterAppender appender;
    private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);

    private LoggerCapture(String logger) {
        this.logger = logger;
        this.appender = WriterAppender.newBuilder()
                .setName("capture-" + logger)
                .setTarget(into)
                .setLayout(
                        PatternLayout.newBuilder().withPattern("%p %c{1}: %m%n").build())
                .build();
        appender.start();
        Configuration config = ctx.getConfiguration();
        LoggerConfig only = new LoggerConfig(logger, Level.WARN, false);
        only.addAppender(appender, Level.WARN, null);
        config.addLogger(logger, only);
        ctx.updateLoggers();
    }

    /** Captures the warnings of {@code logger} (its full name). */
    static LoggerCapture warnings(String logger) {
        return new LoggerCapture(logger);
    }

    /** What was logged so far, one line per event. */
    String text() {
        return into.toString();
    }

    @Override
    public void close() {
        ctx.getConfiguration().removeLogger(logger);
        ctx.updateLoggers();
        appender.stop();
    }
}
