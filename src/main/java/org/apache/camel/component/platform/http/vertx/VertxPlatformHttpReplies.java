package org.apache.camel.component.platform.http.vertx;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Opens Camel's own reply writer ({@code VertxPlatformHttpSupport.writeResponse}, package-private in
 * Camel 4.18) to the adapter's asynchronous consumer ({@code io.paymentsession.adapter.api.AsyncHttpEngine}),
 * so that a reply is written exactly as platform-http writes it. Nothing else belongs in this package.
 */
public final class VertxPlatformHttpReplies {

    private VertxPlatformHttpReplies() {
    }

    public static Future<Void> write(RoutingContext ctx, Exchange exchange, HeaderFilterStrategy headerFilterStrategy,
                                     boolean muteExceptions) {
        return VertxPlatformHttpSupport.writeResponse(ctx, exchange, headerFilterStrategy, muteExceptions);
    }
}
