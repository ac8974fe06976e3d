package io.paymentsession.adapter.api;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpReplies;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Camel's platform-http engine for Vert.x, with one change: a request is routed asynchronously. Camel 4.18's
 * consumer runs the route on a Vert.x worker with the synchronous {@code process}, so a request holds that
 * worker until its reply, a provider call included: a slow provider then costs one thread per waiting
 * request. Here the route runs with its asynchronous processor, so a request that waits on a provider
 * holds no thread, and the reply is written on the request's own event loop, as Camel writes it.
 * Bound as {@code platform-http-engine}, the name Camel's platform-http component looks up first.
 */
public final class AsyncHttpEngine extends VertxPlatformHttpEngine {

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new AsyncConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }

    private static final class AsyncConsumer extends VertxPlatformHttpConsumer {

        AsyncConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                      String routerName) {
            super(endpoint, processor, handlers, routerName);
        }

        @Override
        protected void handleRequest(RoutingContext ctx) {
            if (isSuspended()) {
                ctx.response().setStatusCode(503);
                ctx.end();
                return;
            }
            Context eventLoop = Vertx.currentContext();
            Exchange exchange = createExchange(false);
            exchange.setPattern(ExchangePattern.InOut);
            processHttpRequest(exchange, ctx).onComplete(read -> {
                if (read.failed()) {
                    fail(exchange, ctx, read.cause());
                    return;
                }
                // a worker starts the route, since a step may still block; it is free again as soon as the
                // route waits on something asynchronous (a provider call), not when the reply is ready
                ctx.vertx().executeBlocking(() -> {
                    route(exchange, ctx, eventLoop);
                    return null;
                }, false);
            });
        }

        private void route(Exchange exchange, RoutingContext ctx, Context eventLoop) {
            try {
                createUoW(exchange);
            } catch (Exception e) {
                eventLoop.runOnContext(v -> fail(exchange, ctx, e));
                return;
            }
            getAsyncProcessor().process(exchange, doneSync -> eventLoop.runOnContext(v -> reply(exchange, ctx)));
        }

        private void reply(Exchange exchange, RoutingContext ctx) {
            VertxPlatformHttpReplies.write(ctx, exchange, getEndpoint().getHeaderFilterStrategy(), getEndpoint().isMuteException())
                    .onComplete(written -> {
                        if (written.failed()) {
                            fail(exchange, ctx, written.cause());
                        } else {
                            complete(exchange);
                        }
                    });
        }

        private void fail(Exchange exchange, RoutingContext ctx, Throwable failure) {
            getExceptionHandler().handleException("Failed handling platform-http endpoint " + getEndpoint().getPath(), failure);
            ctx.fail(failure);
            if (getEndpoint().isHandleWriteResponseError()) {
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
                exchange.setException(failure);
            }
            complete(exchange);
        }

        private void complete(Exchange exchange) {
            doneUoW(exchange);
            releaseExchange(exchange, false);
        }
    }
}
