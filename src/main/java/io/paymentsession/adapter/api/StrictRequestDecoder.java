package io.paymentsession.adapter.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;

/**
 * Vert.x's request decoder, strict where a front proxy and the adapter could read different requests in
 * the same bytes (request smuggling, RFC 9112 sections 6.1 and 6.3). Left alone, Netty drops the
 * Content-Length of a request that also has a Transfer-Encoding, reads any coding list that ends in
 * {@code chunked} as chunked, and joins an obs-folded line to the header above it. Here a request whose
 * body length is not plain is refused: the decoder marks it unreadable, Vert.x hands it to
 * {@link HttpFallbacks#unreadableRequests}, which answers 400 and closes the connection.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    /** The URI of the stand-in request Netty passes on when the request line itself could not be read. */
    static final String UNREAD_URI = "";

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        HttpMessage message = super.createMessage(initialLine);
        HttpVersion version = message.protocolVersion();
        if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
            throw new UnreadableRequest("Only HTTP/1.1 and HTTP/1.0 are served.");
        }
        return message;
    }

    /**
     * Netty's only hook between reading the headers and choosing how to read the body; an exception here
     * makes the request unreadable and the rest of the connection's bytes are discarded.
     */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        HttpHeaders headers = message.headers();
        List<String> transferEncodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!transferEncodings.isEmpty()) {
            if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                throw new UnreadableRequest("A request must not have both Content-Length and Transfer-Encoding.");
            }
            if (!message.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                throw new UnreadableRequest("Transfer-Encoding needs HTTP/1.1.");
            }
            // one field with exactly "chunked": an obs-folded or listed value never is
            if (transferEncodings.size() != 1 || !transferEncodings.get(0).equalsIgnoreCase("chunked")) {
                throw new UnreadableRequest("Transfer-Encoding must be exactly 'chunked'.");
            }
        }
        for (String length : headers.getAll(HttpHeaderNames.CONTENT_LENGTH)) {
            // Netty trims an ordinary value; a space left inside one came from an obs-fold
            if (length.isEmpty() || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new UnreadableRequest("Content-Length must be a plain number.");
            }
        }
        return super.isContentAlwaysEmpty(message);
    }

    /** Netty's stand-in says GET /bad-request; this one says that no request line was read. */
    @Override
    protected HttpMessage createInvalidMessage() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, UNREAD_URI, Unpooled.buffer(0),
                headersFactory, trailersFactory);
    }

    /** A request refused for its framing; the message is the canonical explanation (it holds no caller data). */
    static final class UnreadableRequest extends RuntimeException {

        UnreadableRequest(String explanation) {
            super(explanation, null, false, false);
        }
    }
}
