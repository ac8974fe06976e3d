package io.paymentsession.adapter.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorReply;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.observe.RequestIds;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches one API connection, between the HTTP decoder and Vert.x, and closes it when the client stalls:
 * <ul>
 *   <li>header time: from connection open, or from the first byte of a later request, to its complete head;</li>
 *   <li>body time: from the complete head to the last body byte (answered with a canonical 408);</li>
 *   <li>idle time: no request under way and no byte arriving, as on a kept-alive connection.</li>
 * </ul>
 * No bound runs while the adapter works on a request: the provider timeouts bound that, and a reply is
 * never cut off. A chunked body that cannot be decoded gets a canonical 400 here, where Vert.x would drop
 * the connection without a word. A reply with {@code Connection: close} closes the connection, after a
 * short drain if the body is still arriving. Everything runs on the connection's event loop.
 */
final class ConnectionGuard extends ChannelDuplexHandler {

    private enum Wait { NOTHING, HEAD, BODY, NEXT_REQUEST, DRAIN }

    /** After a closing reply sent while the body still arrives: how long, and how much, is read and dropped. */
    private static final int DRAIN_MS = 2000;
    private static final int DRAIN_BYTES = 1 << 20;

    private final HttpLimits limits;
    private final AdapterMetrics metrics;
    private ChannelHandlerContext context;
    private Wait waiting = Wait.NOTHING;
    /** At most one timer; see {@link #await}. */
    private ScheduledFuture<?> timer;
    private long timerDueNanos;
    /** When what the connection waits for is overdue (System.nanoTime). */
    private long deadlineNanos;
    /** The next bytes belong to a request head. */
    private boolean readingHead = true;
    /** Requests read whose response has not ended. */
    private int unanswered;
    /** A response has begun and not ended. */
    private boolean responding;
    /** The response being written says {@code Connection: close}. */
    private boolean closing;
    /** Bytes still arriving after a closing reply are dropped, up to {@link #DRAIN_BYTES}. */
    private long drained = -1;
    private String method;
    private String path;
    /** The request being read, kept for its X-Request-Id should the guard answer it. */
    private HttpRequest request;
    private long headReadNanos;

    private ConnectionGuard(HttpLimits limits, AdapterMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    /** Puts the strict decoder and the guard into the pipeline Vert.x built for a new connection. */
    static void install(ChannelPipeline pipeline, HttpServerOptions options, HttpLimits limits, AdapterMetrics metrics) {
        ConnectionGuard guard = new ConnectionGuard(limits, metrics);
        pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(options));
        pipeline.addBefore("httpDecoder", "requestBytes", guard.new RequestBytes());
        pipeline.addBefore("handler", "connectionGuard", guard);
    }

    /**
     * One connection past {@code max-connections}: the canonical 503, then close, without reading anything.
     * Counted, but not access-logged: no request was read, and a flood must not flood the log too.
     */
    static void refuseOverLimit(Channel channel, AdapterMetrics metrics) {
        metrics.record(HttpFallbacks.record(null, null, 503, Cause.SERVER_BUSY, 0));
        String json = ErrorReply.adapterRefusalJson(Cause.SERVER_BUSY, "The adapter has too many open connections; retry shortly.");
        channel.writeAndFlush(closingReply(503, json, Map.of("Retry-After", "1"))).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        await(Wait.HEAD);
    }

    /** Sits before the decoder: the first byte of a later request starts its header time. */
    private final class RequestBytes extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (drained >= 0 && msg instanceof ByteBuf bytes) {
                drained += bytes.readableBytes();
                bytes.release();
                if (drained > DRAIN_BYTES) {
                    ctx.close();
                }
                return;
            }
            if (readingHead && waiting != Wait.HEAD) {
                await(Wait.HEAD);
            }
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            readingHead = false;
            unanswered++;
            method = request.method().name();
            path = pathOf(request.uri());
            this.request = request;
            headReadNanos = System.nanoTime();
            // an unreadable request is answered and its connection closed by Vert.x (HttpFallbacks.unreadableRequests)
            await(request.decoderResult().isSuccess() ? Wait.BODY : Wait.NOTHING);
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            content.release();
            refuse(400, "The chunked request body is malformed.");
            return;
        }
        if (msg instanceof LastHttpContent) {
            readingHead = true;
            await(Wait.NOTHING);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            responding = true;
            closing = response.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        }
        if (msg instanceof LastHttpContent && responding) {
            responding = false;
            unanswered = Math.max(0, unanswered - 1);
            if (closing) {
                ChannelPromise written = promise.unvoid();
                ctx.write(msg, written);
                written.addListener(done -> closeAfterReply());
                return;
            }
            if (unanswered == 0 && readingHead && waiting == Wait.NOTHING) {
                await(Wait.NEXT_REQUEST);
            }
        }
        ctx.write(msg, promise);
    }

    /**
     * Closes after a reply that said {@code Connection: close}. If the request's body is still arriving (a 413,
     * say), closing at once would reset the connection and a client still sending would never read the reply:
     * so the adapter stops sending, drops what still arrives for at most {@link #DRAIN_MS} ms and
     * {@link #DRAIN_BYTES} bytes, and closes then, or as soon as the client does.
     */
    private void closeAfterReply() {
        if (readingHead || !(context.channel() instanceof DuplexChannel duplex)) {
            context.close();
            return;
        }
        drained = 0;
        await(Wait.DRAIN);
        duplex.shutdownOutput();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting = Wait.NOTHING;
        if (timer != null) {
            timer.cancel(false); // a closed connection is not kept until its timer fires
            timer = null;
        }
        ctx.fireChannelInactive();
    }

    /**
     * Starts the bound of what the connection now waits for. Three bounds start on every request, so they share
     * one timer that is never scheduled further ahead than the shortest of them: a later deadline never needs it
     * moved, and when it fires before the deadline it re-arms itself (an idle connection wakes once per shortest
     * bound). Only the drain's shorter bound, once per connection, moves it.
     */
    private void await(Wait next) {
        waiting = next;
        long millis = switch (next) {
            case HEAD -> limits.headerTimeoutMs();
            case BODY -> limits.bodyTimeoutMs();
            case NEXT_REQUEST -> limits.idleTimeoutMs();
            case DRAIN -> DRAIN_MS;
            case NOTHING -> 0;
        };
        if (millis == 0) {
            return; // a pending timer finds nothing to bound and stops
        }
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (timer != null && timerDueNanos > deadlineNanos) {
            timer.cancel(false);
            timer = null;
        }
        if (timer == null) {
            arm();
        }
    }

    private void arm() {
        long step = Math.min(deadlineNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(shortestBoundMs()));
        timerDueNanos = System.nanoTime() + step;
        timer = context.executor().schedule(this::timerFired, Math.max(0, step), TimeUnit.NANOSECONDS);
    }

    private long shortestBoundMs() {
        return Math.min(Math.min(limits.headerTimeoutMs(), limits.bodyTimeoutMs()), limits.idleTimeoutMs());
    }

    private void timerFired() {
        timer = null;
        if (waiting == Wait.NOTHING) {
            return;
        }
        if (System.nanoTime() - deadlineNanos < 0) {
            arm();
        } else {
            expired(waiting);
        }
    }

    private void expired(Wait what) {
        waiting = Wait.NOTHING;
        if (what == Wait.BODY) {
            refuse(408, "The request body did not arrive within " + limits.bodyTimeoutMs() + " ms.");
        } else {
            // no request to answer: a head that never completed, or a quiet kept-alive connection
            context.close();
        }
    }

    /** The canonical error, then close; just close when another response is on the wire. */
    private void refuse(int status, String explanation) {
        await(Wait.NOTHING);
        if (responding || unanswered != 1) {
            context.close();
            return;
        }
        long latencyMs = (System.nanoTime() - headReadNanos) / 1_000_000;
        String requestId = RequestIds.accept(request.headers().get(RequestIds.HEADER));
        String json = HttpFallbacks.refusal(method, path, requestId, status, Cause.INVALID_REQUEST, explanation, latencyMs, metrics);
        unanswered = 0;
        context.writeAndFlush(closingReply(status, json, Map.of(RequestIds.HEADER, requestId))).addListener(done -> closeAfterReply());
    }

    private static FullHttpResponse closingReply(int status, String json, Map<String, String> headers) {
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse reply = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
        reply.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        headers.forEach(reply.headers()::set);
        return reply;
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
