package io.paymentsession.adapter.provider.call;

import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.UpstreamReply;
import io.paymentsession.adapter.provider.call.UpstreamFailure.ReplyTooLarge;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.time.Instant;

/**
 * One HTTP request to a provider and its reply, as camel-vertx-http sends it (the message body while the call's
 * producer runs).
 * <ul>
 *   <li>The request body is a stream: the web client pipes it into the HTTP request, and the pipe writes the
 *   dialect's bytes and keeps that request. So the call's deadline can reset it, whenever it passes, and whether
 *   the request left is known exactly: it did once the body was handed to the connection.</li>
 *   <li>The reply is read by this body codec up to max-reply-bytes; a larger reply resets the request (which
 *   closes its connection), so the rest is never read, let alone buffered.</li>
 * </ul>
 */
final class HttpAttempt implements ReadStream<Buffer>, Pipe<Buffer>, BodyCodec<Buffer> {

    private final OutboundRequest request;
    private final int maxReplyBytes;
    private final Runnable replied;
    private HttpClientRequest sent;
    private Throwable aborted;
    private boolean complete;

    /** @param replied runs once the whole reply is in (on the connection's event loop): the provider is done */
    HttpAttempt(OutboundRequest request, int maxReplyBytes, Runnable replied) {
        this.request = request;
        this.maxReplyBytes = maxReplyBytes;
        this.replied = replied;
    }

    OutboundRequest request() {
        return request;
    }

    /**
     * Ends the attempt with {@code reason} unless its reply is complete: a request that was sent is reset (its
     * connection closed), one not sent yet never will be. The web client then fails the call with the reason.
     */
    void abort(Throwable reason) {
        HttpClientRequest reset;
        synchronized (this) {
            if (complete || aborted != null) {
                return;
            }
            aborted = reason;
            reset = sent;
        }
        if (reset != null) {
            reset.reset(0, reason);
        }
    }

    /** What the web client reported as the failure of this attempt, with whether the request had left. */
    synchronized UpstreamFailure failure(Throwable cause) {
        return new UpstreamFailure(cause, sent != null);
    }

    /** The provider's reply; {@code sentAt} is when the call began. */
    UpstreamReply reply(HttpResponse<Buffer> response, Instant sentAt) {
        Buffer body = response.body();
        return new UpstreamReply(response.statusCode(), response.getHeader("Content-Type"), response.getHeader("Retry-After"),
                body == null ? null : body.getBytes(), sentAt);
    }

    // ---- the request body: the web client asks for its pipe, and hands the pipe the HTTP request

    @Override
    public Pipe<Buffer> pipe() {
        return this;
    }

    @Override
    public void to(WriteStream<Buffer> destination, Handler<AsyncResult<Void>> completion) {
        HttpClientRequest http = (HttpClientRequest) destination;
        Throwable reason;
        synchronized (this) {
            reason = aborted;
            if (reason == null) {
                sent = http;
            }
        }
        if (reason != null) {
            // nothing was written: the web client resets the request and fails the call with the reason
            completion.handle(Future.failedFuture(reason));
        } else {
            http.end(Buffer.buffer(request.body()), completion);
        }
    }

    @Override
    public Pipe<Buffer> endOnFailure(boolean end) {
        return this;
    }

    @Override
    public Pipe<Buffer> endOnSuccess(boolean end) {
        return this;
    }

    @Override
    public Pipe<Buffer> endOnComplete(boolean end) {
        return this;
    }

    @Override
    public void close() {
        // the request could not be obtained: nothing to write
    }

    // the stream itself is never read: its pipe writes the body in one piece

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        return this;
    }

    // ---- the reply body

    @Override
    public void create(Handler<AsyncResult<BodyStream<Buffer>>> handler) {
        handler.handle(Future.succeededFuture(new Reply()));
    }

    /** The body values may hold credentials: never print them. */
    @Override
    public String toString() {
        return "HttpAttempt[" + request + "]";
    }

    private final class Reply implements BodyStream<Buffer> {

        private final Buffer received = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        @Override
        public Future<Void> write(Buffer data) {
            if (received.length() + data.length() > maxReplyBytes) {
                ReplyTooLarge tooLarge = new ReplyTooLarge(maxReplyBytes);
                abort(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            received.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            boolean whole;
            synchronized (HttpAttempt.this) {
                whole = aborted == null;
                complete = whole;
            }
            if (whole) {
                replied.run();
            }
            result.tryComplete(received);
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
