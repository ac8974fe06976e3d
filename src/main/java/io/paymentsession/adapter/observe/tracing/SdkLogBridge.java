package io.paymentsession.adapter.observe.tracing;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK logs through java.util.logging, which would print its own two-line format and a stack trace
 * on stderr each time a collector cannot be reached. This handler sends its lines to the adapter's log instead, one
 * line each without the trace (the SDK throttles them itself): {@code WARN ... Failed to export spans. ... timeout}.
 */
final class SdkLogBridge extends Handler {

    /** Held here: java.util.logging keeps its loggers only weakly, and a collected one would lose its handler. */
    private static final java.util.logging.Logger SDK = java.util.logging.Logger.getLogger("io.opentelemetry");
    private static final Logger LOG = LoggerFactory.getLogger("io.opentelemetry");
    /** Fills in a record's {0} parameters, if it has any; the record's exception is left out. */
    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    private SdkLogBridge() {
    }

    static synchronized void install() {
        for (Handler handler : SDK.getHandlers()) {
            if (handler instanceof SdkLogBridge) {
                return;
            }
        }
        SDK.setUseParentHandlers(false);
        SDK.setLevel(Level.INFO);
        SDK.addHandler(new SdkLogBridge());
    }

    @Override
    public void publish(LogRecord record) {
        String line = FORMAT.formatMessage(record);
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
