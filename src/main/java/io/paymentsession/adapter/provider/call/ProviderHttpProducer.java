package io.paymentsession.adapter.provider.call;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.http.VertxHttpBinding;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.component.vertx.http.VertxHttpProducer;

/**
 * camel-vertx-http's producer, for the one body a provider call sends (its {@link HttpAttempt}), less one step:
 * Camel 4.18 hands every reply to a Vert.x worker before its binding reads it, in case a binding blocks. The
 * adapter's binding never does (it only keeps the reply's bytes), and the call goes on on the caller's event loop
 * anyway ({@link ProviderCall}): the worker's wake-up and the hop back cost a fifth of a provider call's CPU.
 */
final class ProviderHttpProducer extends VertxHttpProducer {

    private final VertxHttpBinding binding;

    ProviderHttpProducer(VertxHttpEndpoint endpoint) {
        super(endpoint);
        this.binding = endpoint.getConfiguration().getVertxHttpBinding();
    }

    /** As VertxHttpProducer sends a ReadStream body, with the reply read where it arrives. */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            HttpRequest<Buffer> request = binding.prepareHttpRequest(getEndpoint(), exchange);
            request.sendStream(exchange.getMessage().getBody(HttpAttempt.class), response -> {
                try {
                    binding.handleResponse(getEndpoint(), exchange, response);
                } catch (Exception e) {
                    exchange.setException(e);
                } finally {
                    callback.done(false);
                }
            });
            return false;
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }
}
