package io.paymentsession.adapter.api;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request, as {@code key=value} pairs. Values come from callers, so any value that is
 * not plainly safe is written as a JSON string: no caller can forge a log line or inject a control character.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.paymentsession.adapter.access");
    private static final Pattern PLAIN = Pattern.compile("[0-9A-Za-z_./:-]+");

    private AccessLog() {
    }

    public static void write(String method, String path, int status, long latencyMs,
                             String merchantId, String provider, String correlationId) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(method, path, status, latencyMs, merchantId, provider, correlationId));
        }
    }

    static String line(String method, String path, int status, long latencyMs,
                       String merchantId, String provider, String correlationId) {
        StringBuilder line = new StringBuilder(160);
        append(line, "method", method);
        append(line, "path", path);
        append(line, "status", Integer.toString(status));
        append(line, "latencyMs", Long.toString(latencyMs));
        append(line, "merchantId", merchantId);
        append(line, "provider", provider);
        append(line, "correlationId", correlationId);
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
        if (PLAIN.matcher(value).matches()) {
            line.append(value);
        } else {
            quote(line, value);
        }
    }

    private static void quote(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }
}
