package io.paymentsession.adapter.api;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorReply;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.lifecycle.Drain;
import io.paymentsession.adapter.lifecycle.OutOfMemoryExit;
import io.paymentsession.adapter.observe.AccessLog;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.observe.Operation;
import io.paymentsession.adapter.observe.RequestRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Canonical replies for what the HTTP server answers before any route runs: an unknown path, a body
 * over the size limit, a failure inside the server, a request that arrives while the adapter drains.
 * Without these the caller gets Vert.x's HTML pages.
 *
 * <p>Installed on the platform-http router, which Camel mounts below a private root router: there,
 * {@code Router.errorHandler} is never called, but a failure handler and a last route are.
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
        router.route().last().handler(ctx -> reply(ctx, metrics, 404, Cause.INVALID_REQUEST,
                "No endpoint here; sessions are created with POST /api/v1/sessions and read with GET /api/v1/sessions/{id}."));
    }

    private static void reply(RoutingContext ctx, AdapterMetrics metrics, int status, Cause cause, String explanation) {
        if (ctx.response().ended()) {
            return;
        }
        String json = Json.write(ErrorReply.of(null, null, null, CanonicalError.of(cause, ErrorSource.ADAPTER, explanation)));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 413) {
            // the rest of an oversized body is not read: close rather than drain it
            ctx.response().putHeader("Connection", "close");
        }
        ctx.response().end(json);
        Long started = ctx.get(STARTED_NANOS);
        long latencyMs = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        RequestRecord record = new RequestRecord(Operation.NONE, ctx.request().method().name(), ctx.request().path(), status,
                latencyMs, null, null, null, cause, cause.outcome(), null, null);
        AccessLog.write(record);
        metrics.record(record);
    }
}
