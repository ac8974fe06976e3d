package io.paymentsession.adapter.observe.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolver;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverContext;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverFactory;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverConfig;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverFactory;
import org.apache.logging.log4j.layout.template.json.util.JsonWriter;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.StringBuilderFormattable;

/**
 * The JSON layout's {@code {"$resolver": "scrubbed", "field": ...}}: the message ({@code message}), the exception's
 * message ({@code exceptionMessage}) or its stack trace with its causes ({@code stackTrace}), as strings passed
 * through the {@link LogScrubber}. The exception fields are left out of a line without an exception.
 */
@Plugin(name = "ScrubbedResolverFactory", category = TemplateResolverFactory.CATEGORY)
public final class ScrubbedResolverFactory implements EventResolverFactory {

    private static final ScrubbedResolverFactory INSTANCE = new ScrubbedResolverFactory();

    private ScrubbedResolverFactory() {
    }

    @PluginFactory
    public static ScrubbedResolverFactory getInstance() {
        return INSTANCE;
    }

    @Override
    public String getName() {
        return "scrubbed";
    }

    @Override
    public EventResolver create(EventResolverContext context, TemplateResolverConfig config) {
        String field = config.getString("field");
        return switch (field == null ? "" : field) {
            case "message" -> (event, json) -> json.writeString(LogScrubber.scrub(text(event.getMessage())));
            case "exceptionMessage" -> new ExceptionResolver() {
                @Override
                public void resolve(LogEvent event, JsonWriter json) {
                    String message = event.getThrown().getMessage();
                    if (message == null) {
                        json.writeNull();
                    } else {
                        json.writeString(LogScrubber.scrub(message));
                    }
                }
            };
            case "stackTrace" -> new ExceptionResolver() {
                @Override
                public void resolve(LogEvent event, JsonWriter json) {
                    StringWriter trace = new StringWriter(1024);
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    json.writeString(LogScrubber.scrub(trace.getBuffer()));
                }
            };
            default -> throw new IllegalArgumentException("scrubbed: field must be message, exceptionMessage or stackTrace: " + config);
        };
    }

    private static CharSequence text(Message message) {
        if (message instanceof StringBuilderFormattable formattable) {
            StringBuilder text = new StringBuilder(128);
            formattable.formatTo(text);
            return text;
        }
        return message.getFormattedMessage();
    }

    /** Resolvable only for an event with an exception. */
    private abstract static class ExceptionResolver implements EventResolver {

        @Override
        public boolean isResolvable(LogEvent event) {
            return event.getThrown() != null;
        }
    }
}
