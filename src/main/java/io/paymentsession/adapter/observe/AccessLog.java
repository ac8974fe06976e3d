package io.paymentsession.adapter.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request, as {@code key=value} pairs. Values come from callers, so any value that is
 * not plainly safe is written as a JSON string with every control, format (bidi, zero-width) and
 * surrogate character escaped: no caller can forge a log line or make one read otherwise than it is.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.paymentsession.adapter.access");

    private AccessLog() {
    }

    public static void write(RequestRecord request) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(request));
        }
    }

    static String line(RequestRecord request) {
        StringBuilder line = new StringBuilder(200);
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
