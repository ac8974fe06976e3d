package io.paymentsession.adapter;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Captures everything the adapter logs, through the production layouts (src/main/resources/log4j2.properties: the
 * scrubbed one of every logger, the access log's own), with the root level raised as {@code LOG_LEVEL} would raise it.
 */
public final class LogCapture implements AutoCloseable {

    private static final String ACCESS_LOGGER = "io.paymentsession.adapter.access";

    private final StringWriter captured = new StringWriter();
    private final Appender appender;
    private final Appender accessAppender;
    private final LoggerConfig access;
    private final Level previousRootLevel;
    private final LoggerContext context;

    private LogCapture(Level rootLevel) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = writerWithLayoutOf(configuration.getAppender("stdout"));
        accessAppender = writerWithLayoutOf(configuration.getAppender("access"));
        access = configuration.getLoggerConfig(ACCESS_LOGGER);
        access.addAppender(accessAppender, Level.ALL, null);
        LoggerConfig root = configuration.getRootLogger();
        previousRootLevel = root.getLevel();
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(rootLevel);
        context.updateLoggers();
    }

    private Appender writerWithLayoutOf(Appender production) {
        Appender writer = WriterAppender.newBuilder()
                .setName("capture-" + production.getName() + "-" + System.nanoTime())
                .setTarget(captured)
                .setLayout(production.getLayout())
                .build();
        writer.start();
        return writer;
    }

    public static LogCapture atLevel(Level rootLevel) {
        return new LogCapture(rootLevel);
    }

    public String text() {
        return captured.toString();
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        access.removeAppender(accessAppender.getName());
        root.setLevel(previousRootLevel);
        context.updateLoggers();
        appender.stop();
        accessAppender.stop();
    }
}
