package io.paymentsession.adapter.observe;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.util.IndexedReadOnlyStringMap;

/**
 * One line per HTTP request. In text, {@code key=value} pairs: values come from callers, so any value that is
 * not plainly safe is written as a JSON string with every control, format (bidi, zero-width) and
 * surrogate character escaped: no caller can forge a log line or make one read otherwise than it is.
 * In JSON (LOG_FORMAT=json), the same fields as members of the line, numbers as numbers, caller text with its format
 * characters made visible ({@link VisibleText}).
 */
public final class AccessLog {

    /** Log4j's own API: the line is a {@link MapMessage}, which the JSON layout writes as members. */
    private static final Logger LOG = LogManager.getLogger("io.paymentsession.adapter.access");

    private AccessLog() {
    }

    /** @param requestId the request's id (RequestIds); null when none was given */
    public static void write(RequestRecord request, String requestId) {
        if (LOG.isInfoEnabled()) {
            LOG.info(new Line(request, requestId));
        }
    }

    /**
     * The access line as a map message: the text layout writes {@link #line} (formatTo), the JSON layout the map,
     * which is only filled when a layout asks for it, so the text format does not pay for it.
     */
    static final class Line extends MapMessage<Line, Object> {

        private final transient RequestRecord request;
        private final String requestId;
        private boolean filled;
        /** The text line, built once: Log4j asks for it both as the formatted message and through formatTo. */
        private String text;

        Line(RequestRecord request, String requestId) {
            super(16);
            this.request = request;
            this.requestId = requestId;
        }

        @Override
        public void formatTo(StringBuilder buffer) {
            buffer.append(getFormattedMessage());
        }

        @Override
        public String getFormattedMessage() {
            if (text == null) {
                text = line(request, requestId);
            }
            return text;
        }

        @Override
        public IndexedReadOnlyStringMap getIndexedReadOnlyStringMap() {
            if (!filled) {
                filled = true;
                member("method", request.method());
                member("path", VisibleText.of(request.path()));
                with("status", request.status());
                with("latencyMs", request.latencyMs());
                member("merchantId", request.merchantId());
                member("provider", request.provider());
                member("upstreamStatus", request.upstreamStatus());
                member("upstreamLatencyMs", request.upstreamLatencyMs());
                member("cause", request.cause() == null ? null : request.cause().name());
                member("correlationId", VisibleText.of(request.correlationId()));
                member("sandbox", request.sandbox() ? Boolean.TRUE : null);
                member("requestId", requestId);
            }
            return super.getIndexedReadOnlyStringMap();
        }

        private void member(String key, Object value) {
            if (value != null) {
                with(key, value);
            }
        }
    }

    static String line(RequestRecord request, String requestId) {
        StringBuilder line = new StringBuilder(240);
        append(line, "method", request.method());
        append(line, "path", request.path());
        append(line, "status", Integer.toString(request.status()));
        append(line, "latencyMs", Long.toString(request.latencyMs()));
        append(line, "merchantId", request.merchantId());
        append(line, "provider", request.provider());
        append(line, "upstreamStatus", request.upstreamStatus() == null ? null : request.upstreamStatus().toString());
        append(line, "upstreamLatencyMs", request.upstreamLatencyMs() == null ? null : request.upstreamLatencyMs().toString());
        append(line, "cause", request.cause() == null ? null : request.cause().name());
        append(line, "correlationId", request.correlationId());
        append(line, "sandbox", request.sandbox() ? "true" : null);
        append(line, "requestId", requestId);
        return line.toString();
    }

    private static void append(StringBuilder line, String key, String value) {
        if (value == null) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(key).append('=');
        if (isPlain(value)) {
            line.append(value);
        } else {
            quote(line, value);
        }
    }

    /** Made only of {@code 0-9 A-Z a-z _ . / : -}, and not empty: written as it is. */
    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '.' || c == '/'
                    || c == ':' || c == '-')) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static void quote(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT) {
                // FORMAT: bidi overrides and zero-width characters could make a line read otherwise than it is
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }
}
