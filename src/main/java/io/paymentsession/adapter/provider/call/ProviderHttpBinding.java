package io.paymentsession.adapter.provider.call;

import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.observe.tracing.ProviderSpans;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.http.DefaultVertxHttpBinding;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * How camel-vertx-http talks to one provider: its web client's options, and each request and reply. The request
 * comes from the call's {@link HttpAttempt} (the message body): the dialect's method, URL, headers and body, and
 * nothing else of the exchange; the reply goes back as an {@code UpstreamReply}, a failure as an
 * {@link UpstreamFailure}.
 */
final class ProviderHttpBinding extends DefaultVertxHttpBinding {

    static final String USER_AGENT = "payment-session-adapter";

    private final ProviderSettings settings;
    private final ProviderSpans spans;

    ProviderHttpBinding(ProviderSettings settings, ProviderSpans spans) {
        this.settings = settings;
        this.spans = spans;
    }

    /**
     * The provider's web client: HTTP/1.1, at most max-concurrent-calls connections (the bulkhead's bound), the
     * adapter's User-Agent, no redirect followed, no cookie kept (a plain web client has no cookie store), TLS
     * against the provider's trust store (else the JVM's) with the host name always verified, and its client
     * certificate if it has one.
     */
    WebClientOptions clientOptions() {
        WebClientOptions options = new WebClientOptions()
                .setMaxPoolSize(settings.maxConcurrentCalls())
                .setConnectTimeout(settings.connectTimeoutMs())
                .setUserAgent(USER_AGENT)
                .setFollowRedirects(false)
                .setVerifyHost(true);
        ProviderSettings.Tls tls = settings.tls();
        if (tls.trustStore() != null) {
            options.setTrustOptions(new PfxOptions().setPath(tls.trustStore()).setPassword(tls.trustStorePassword()));
        }
        if (tls.keyStore() != null) {
            options.setKeyCertOptions(new PfxOptions().setPath(tls.keyStore()).setPassword(tls.keyStorePassword()));
        }
        return options;
    }

    /**
     * The endpoint's web client is reachable only here, through the default binding, which reads the method and
     * URL from the headers ProviderCall set. Then: TLS by the URL's scheme and the path as the dialect encoded it
     * (the default binding takes TLS from the client options, and decodes the path, when the URL names a port),
     * connect-timeout-ms to get a connection, response-timeout-ms without reply data, and the reply read by the
     * attempt within its size limit.
     */
    @Override
    public HttpRequest<Buffer> prepareHttpRequest(VertxHttpEndpoint endpoint, Exchange exchange) throws Exception {
        HttpAttempt attempt = exchange.getMessage().getBody(HttpAttempt.class);
        URI uri = URI.create(attempt.request().uri());
        String pathAndQuery = (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return super.prepareHttpRequest(endpoint, exchange)
                .ssl("https".equalsIgnoreCase(uri.getScheme()))
                .uri(pathAndQuery)
                .connectTimeout(settings.connectTimeoutMs())
                .idleTimeout(settings.responseTimeoutMs())
                .as(attempt);
    }

    /**
     * The dialect's headers, and nothing else of the exchange's; Content-Length, so the body is not chunked; and only
     * with adapter.tracing.propagate-to-providers=true, the call span's W3C traceparent and tracestate.
     */
    @Override
    public void populateRequestHeaders(VertxHttpEndpoint endpoint, Exchange exchange, HttpRequest<Buffer> request,
                                       HeaderFilterStrategy strategy) {
        OutboundRequest outbound = exchange.getMessage().getBody(HttpAttempt.class).request();
        MultiMap headers = request.headers();
        outbound.headers().forEach(headers::set);
        headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(outbound.body().length));
        spans.inject(exchange, headers);
    }

    @Override
    public void handleResponse(VertxHttpEndpoint endpoint, Exchange exchange, AsyncResult<HttpResponse<Buffer>> response) {
        HttpAttempt attempt = exchange.getMessage().getBody(HttpAttempt.class);
        if (response.succeeded()) {
            exchange.getMessage().setBody(attempt.reply(response.result(),
                    exchange.getProperty(ExchangeProperties.UPSTREAM_SENT_AT, Instant.class)));
        } else {
            exchange.setException(attempt.failure(response.cause()));
        }
    }
}
