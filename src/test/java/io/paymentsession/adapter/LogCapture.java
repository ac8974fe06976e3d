package io.paymentsession.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Captures everything the adapter logs, through the production layouts (src/main/resources/log4j2.properties: the
 * scrubbed one of every logger, the access log's own) of a log format ({@code text} or {@code json}, as
 * {@code LOG_FORMAT} picks them), with the root level raised as {@code LOG_LEVEL} would raise it.
 */
public final class LogCapture implements AutoCloseable {

    /** The formats LOG_FORMAT names, for tests that run on each. */
    public static final List<String> FORMATS = List.of("text", "json");
    private static final String ACCESS_LOGGER = "io.paymentsession.adapter.access";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter captured = new StringWriter();
    private final Appender appender;
    private final Appender accessAppender;
    private final LoggerConfig access;
    private final Level previousRootLevel;
    private final LoggerContext context;
    private final String format;

    private LogCapture(Level rootLevel, String format) {
        this.format = format;
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = writerWithLayoutOf(configuration.getAppender("stdout-" + format));
        accessAppender = writerWithLayoutOf(configuration.getAppender("access-" + format));
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
        return new LogCapture(rootLevel, "text");
    }

    /** @param format {@code text} or {@code json} */
    public static LogCapture atLevel(Level rootLevel, String format) {
        return new LogCapture(rootLevel, format);
    }

    /** What was written, as written. */
    public String text() {
        return captured.toString();
    }

    /** In json, each line as the JSON object it must be; none in text. */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        if (format.equals("json")) {
            for (String line : text().split("\n")) {
                try {
                    JsonNode event = JSON.readTree(line);
                    if (event == null || !event.isObject()) {
                        throw new AssertionError("not a JSON object: " + line);
                    }
                    events.add(event);
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return events;
    }

    /**
     * What was logged, readable in either format: in text, as written; in json, each line's members decoded as
     * {@code name=value}, so a search finds a value whatever JSON escaped in it.
     */
    public String decoded() {
        if (!format.equals("json")) {
            return text();
        }
        return events().stream().map(event -> {
            StringBuilder line = new StringBuilder();
            event.fields().forEachRemaining(member -> line.append(member.getKey()).append('=')
                    .append(member.getValue().isTextual() ? member.getValue().asText() : member.getValue().toString()).append(' '));
            return line.toString();
        }).collect(Collectors.joining("\n"));
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
