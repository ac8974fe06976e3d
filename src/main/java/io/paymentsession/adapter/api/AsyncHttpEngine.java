package io.paymentsession.adapter.api;

import io.paymentsession.adapter.idempotency.ClaimIdempotencyKey;
import io.paymentsession.adapter.observe.RequestIds;
import io.paymentsession.adapter.observe.tracing.Tracing;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpReplies;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Camel's platform-http engine for Vert.x, with one change: a request is routed asynchronously, on its event
 * loop. Camel 4.18's consumer hands every request to a Vert.x worker and runs the route with the synchronous
 * {@code process}, so a request holds that worker until its reply, a provider call included: a slow provider
 * then costs one thread per waiting request, and every request pays the hand-off. Here the route starts on
 * the event loop with its asynchronous processor: no step of the adapter's routes blocks (the local store,
 * the mapping and the provider call are all non-blocking, see provider/call), and the reply is written on the
 * request's own event loop, as Camel writes it.
 * Bound as {@code platform-http-engine}, the name Camel's platform-http component looks up first.
 *
 * <p>And it passes on only what the API's routes read ({@link AsyncConsumer#processHttpRequest}): Camel's copies
 * every request header through its header filter, and builds the absolute URI, addresses and query headers
 * besides, which cost more than the local path's own parsing.
 */
public final class AsyncHttpEngine extends VertxPlatformHttpEngine {

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new AsyncConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }

    private static final class AsyncConsumer extends VertxPlatformHttpConsumer {

        /** The request headers the routes read: HttpGate's, the Idempotency-Key, X-Request-Id; a repeated one as a list. */
        private static final List<String> PASSED_HEADERS = List.of(Exchange.CONTENT_TYPE, "Content-Encoding",
                ClaimIdempotencyKey.HEADER, RequestIds.HEADER);

        /** {@link #PASSED_HEADERS}, and with tracing on the caller's W3C trace context (README "Tracing"). */
        private final List<String> passedHeaders;

        AsyncConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                      String routerName) {
            super(endpoint, processor, handlers, routerName);
            List<String> passed = new ArrayList<>(PASSED_HEADERS);
            if (Tracing.isOn(endpoint.getCamelContext())) {
                passed.addAll(Tracing.INBOUND_HEADERS);
            }
            passedHeaders = List.copyOf(passed);
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
                route(exchange, ctx, eventLoop);
            });
        }

        /**
         * The request as the API's routes read it: the method, the path and its parameters ({id}), the headers the
         * contract names, and the body as read in full (a Vert.x Buffer, as Camel sets it).
         */
        @Override
        protected Future<Void> processHttpRequest(Exchange exchange, RoutingContext ctx) {
            HttpServerRequest request = ctx.request();
            Message message = new HttpMessage(exchange, request, ctx.response());
            exchange.setMessage(message);
            message.setHeader(Exchange.HTTP_METHOD, request.method().name());
            message.setHeader(Exchange.HTTP_PATH, ctx.normalizedPath());
            ctx.pathParams().forEach(message::setHeader);
            MultiMap headers = request.headers();
            for (String name : passedHeaders) {
                List<String> values = headers.getAll(name);
                if (!values.isEmpty()) {
                    message.setHeader(name, values.size() == 1 ? values.get(0) : values);
                }
            }
            message.setBody(ctx.body().buffer());
            return Future.succeededFuture();
        }

        private void route(Exchange exchange, RoutingContext ctx, Context eventLoop) {
            try {
                createUoW(exchange);
            } catch (Exception e) {
                fail(exchange, ctx, e);
                return;
            }
            getAsyncProcessor().process(exchange, doneSync -> {
                if (Vertx.currentContext() == eventLoop) {
                    reply(exchange, ctx);
                } else {
                    eventLoop.runOnContext(v -> reply(exchange, ctx));
                }
            });
            // the rest of the request, if any, runs on other threads or later: its ids leave this event loop's MDC
            RequestIds.leave();
        }

        private void reply(Exchange exchange, RoutingContext ctx) {
            Message message = exchange.getMessage();
            if (message.getBody() instanceof String text) {
                // as bytes, so Camel sends a Content-Length; it sends a String chunked
                message.setBody(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            }
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
