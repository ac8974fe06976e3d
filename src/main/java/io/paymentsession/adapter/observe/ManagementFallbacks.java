package io.paymentsession.adapter.observe;

import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorReply;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The management port beside Camel's health and metrics routes, which take GET only: HEAD is answered as GET
 * without a body (RFC 9110, section 9.3.2), and any other request gets a canonical JSON error, not Vert.x's HTML
 * page: 405 on a known path, 404 elsewhere.
 */
public final class ManagementFallbacks {

    private ManagementFallbacks() {
    }

    public static void install(Router router) {
        // Vert.x's HTTP/1.x server writes no body for a HEAD request, whatever the handler ends it with (its HTTP/2
        // server, reached by an h2c upgrade, does write it: a Vert.x 4.5 limitation)
        router.route().order(Integer.MIN_VALUE).method(HttpMethod.HEAD)
                .handler(ctx -> ctx.reroute(HttpMethod.GET, ctx.request().uri()));
        router.route().last().handler(ctx -> {
            String path = ctx.normalizedPath();
            if (router.getRoutes().stream().map(Route::getPath).anyMatch(path::equals)) {
                ctx.response().putHeader("Allow", "GET, HEAD");
                reply(ctx, 405, "Method " + ctx.request().method() + " is not allowed here; use GET or HEAD.");
            } else {
                reply(ctx, 404, "No management endpoint here.");
            }
        });
    }

    private static void reply(RoutingContext ctx, int status, String explanation) {
        String json = ErrorReply.adapterRefusalJson(Cause.INVALID_REQUEST, explanation);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    }
}
