package io.paymentsession.adapter.observe.logging;

import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;

/** {@code %scrub{pattern}} in a PatternLayout: the pattern's output, passed through the {@link LogScrubber}. */
@Plugin(name = "ScrubConverter", category = PatternConverter.CATEGORY)
@ConverterKeys("scrub")
public final class ScrubConverter extends LogEventPatternConverter {

    private final List<PatternFormatter> formatters;

    private ScrubConverter(List<PatternFormatter> formatters) {
        super("scrub", "scrub");
        this.formatters = formatters;
    }

    public static ScrubConverter newInstance(Configuration config, String[] options) {
        if (options == null || options.length != 1) {
            throw new IllegalArgumentException("%scrub takes one pattern: %scrub{%m%n%xEx}");
        }
        return new ScrubConverter(PatternLayout.createPatternParser(config).parse(options[0]));
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        StringBuilder text = new StringBuilder(128);
        for (PatternFormatter formatter : formatters) {
            formatter.format(event, text);
        }
        toAppendTo.append(LogScrubber.scrub(text));
    }

    @Override
    public boolean handlesThrowable() {
        // the pattern's %xEx writes the exception, scrubbed: the layout must not add it again unscrubbed
        return formatters.stream().anyMatch(PatternFormatter::handlesThrowable);
    }
}
