package io.paymentsession.adapter.api;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorReply;
import io.paymentsession.adapter.lifecycle.Drain;
import io.paymentsession.adapter.lifecycle.OutOfMemoryExit;
import io.paymentsession.adapter.observe.AccessLog;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.observe.Operation;
import io.paymentsession.adapter.observe.RequestIds;
import io.paymentsession.adapter.observe.RequestRecord;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Canonical replies for what the HTTP server answers before any route runs: an unknown path, a body
 * over the size limit, a request the decoder cannot read, a failure inside the server, a request that
 * arrives while the adapter drains. Without these the caller gets Vert.x's empty or plain-text replies.
 *
 * <p>Installed on the platform-http router, which is mounted below a root router: there, a failure
 * handler and a last route are called; {@code Router.errorHandler} only for a path that cannot be matched.
 */
public final class HttpFallbacks {

    private static final String STARTED_NANOS = "adapter.startedNanos";

    private HttpFallbacks() {
    }

    public static void install(Router router, long maxBodyBytes, AdapterMetrics metrics, Drain drain) {
        // first: marks the start of every request, so a refused one logs its latency too
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.put(STARTED_NANOS, System.nanoTime());
            drain.requestStarted();
            ctx.addEndHandler(ended -> drain.requestEnded());
            if (drain.draining()) {
                // stopping: refuse at once, retryable, and close so the caller's next request goes elsewhere
                ctx.response().putHeader("Retry-After", "1").putHeader("Connection", "close");
                reply(ctx, metrics, 503, Cause.UPSTREAM_UNAVAILABLE, "The adapter is stopping; send the request again.");
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            OutOfMemoryExit.onFailure(ctx.failure());
            int status = ctx.statusCode();
            if (status == 413) {
                reply(ctx, metrics, 413, Cause.INVALID_REQUEST, "The request body is larger than " + maxBodyBytes + " bytes.");
            } else if (status >= 400 && status < 500) {
                reply(ctx, metrics, status, Cause.INVALID_REQUEST, "The HTTP request could not be read.");
            } else {
                reply(ctx, metrics, 500, Cause.SERVER_FAILED, "The adapter failed unexpectedly.");
            }
        });
        router.errorHandler(400, unreadablePath(metrics));
        router.route().last().handler(ctx -> reply(ctx, metrics, 404, Cause.INVALID_REQUEST,
                "No endpoint here; sessions are created with POST /api/v1/sessions and read with GET /api/v1/sessions/{id}."));
    }

    /**
     * A path Vert.x cannot even match against the routes, such as one with a bad %-escape: the router's
     * error handler for 400, on whichever router's route failed to match.
     */
    static Handler<RoutingContext> unreadablePath(AdapterMetrics metrics) {
        return ctx -> reply(ctx, metrics, 400, Cause.INVALID_REQUEST, "The request path is not valid: check its %-escapes.");
    }

    /**
     * Vert.x's handler for a request its decoder could not read (request line, headers, framing): the
     * canonical 414, 431 or 400, and the connection closes, since where the next request starts is unknown.
     */
    static Handler<HttpServerRequest> unreadableRequests(HttpServerOptions options, AdapterMetrics metrics) {
        return request -> {
            Throwable fault = request.decoderResult().cause();
            int status = 400;
            String explanation = "The request is not well-formed HTTP/1.1.";
            if (fault instanceof TooLongHttpLineException) {
                status = 414;
                explanation = "The request line is longer than " + options.getMaxInitialLineLength() + " bytes.";
            } else if (fault instanceof TooLongHttpHeaderException) {
                status = 431;
                explanation = "The request headers are larger than " + options.getMaxHeaderSize() + " bytes.";
            } else if (fault instanceof StrictRequestDecoder.UnreadableRequest) {
                explanation = fault.getMessage();
            }
            boolean lineRead = !request.uri().equals(StrictRequestDecoder.UNREAD_URI);
            String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
            String json = refusal(lineRead ? request.method().name() : null, lineRead ? request.path() : null, requestId, status,
                    Cause.INVALID_REQUEST, explanation, 0, metrics);
            HttpServerResponse response = request.response();
            response.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                    .putHeader(RequestIds.HEADER, requestId);
            response.end(json);
            response.close();
        };
    }

    private static void reply(RoutingContext ctx, AdapterMetrics metrics, int status, Cause cause, String explanation) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        Long started = ctx.get(STARTED_NANOS);
        long latencyMs = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        String requestId = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        String json = refusal(ctx.request().method().name(), ctx.request().path(), requestId, status, cause, explanation, latencyMs,
                metrics);
        response.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader(RequestIds.HEADER, requestId);
        if (status == 413) {
            // the rest of an oversized body is not read: the ConnectionGuard closes the connection after this reply
            response.putHeader("Connection", "close");
        }
        response.end(json);
    }

    /** The canonical error body of a refusal the HTTP server writes itself; logs its access line and counts it. */
    static String refusal(String method, String path, String requestId, int status, Cause cause, String explanation,
                          long latencyMs, AdapterMetrics metrics) {
        RequestRecord record = record(method, path, status, cause, latencyMs);
        AccessLog.write(record, requestId);
        metrics.record(record);
        return ErrorReply.adapterRefusalJson(cause, explanation);
    }

    static RequestRecord record(String method, String path, int status, Cause cause, long latencyMs) {
        return new RequestRecord(Operation.NONE, method, path, status, latencyMs, null, null, null, cause, cause.outcome(), null, null, false);
    }
}
