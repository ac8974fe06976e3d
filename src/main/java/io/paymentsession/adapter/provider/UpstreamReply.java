package io.paymentsession.adapter.provider;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.Locale;

/**
 * What a provider answered: status, content type, Retry-After (or null) and the body bytes, and when
 * the request had left.
 */
public record UpstreamReply(int status, String contentType, String retryAfter, byte[] body, Instant sentAt) {

    public UpstreamReply {
        body = body == null ? new byte[0] : body;
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The media type without parameters, lower case; empty when the provider sent none. */
    public String mediaType() {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The body as text in the charset the provider declared (UTF-8 when it declared none or an unknown one). */
    public String text() {
        return new String(body, charset());
    }

    private Charset charset() {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].trim().replace("\"", ""));
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Describes the reply for an error explanation, without its content. */
    public String describe() {
        return "HTTP " + status + " with " + (mediaType().isEmpty() ? "no content type" : mediaType())
                + " (" + body.length + " bytes)";
    }
}
