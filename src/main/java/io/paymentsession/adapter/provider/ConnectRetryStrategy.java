package io.paymentsession.adapter.provider;

import java.io.IOException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * HttpClient retries a CreateSession only when it provably never left (see {@link UpstreamFailures#neverLeft}),
 * at most {@code maxRetries} times with a fixed backoff; never after sending, never on a provider's reply.
 * CreateSession has no idempotency key, so any other retry could create a second session.
 */
final class ConnectRetryStrategy implements HttpRequestRetryStrategy {

    private final int maxRetries;
    private final TimeValue backoff;

    ConnectRetryStrategy(int maxRetries, int backoffMs) {
        this.maxRetries = maxRetries;
        this.backoff = TimeValue.ofMilliseconds(backoffMs);
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return execCount <= maxRetries && UpstreamFailures.neverLeft(exception);
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return backoff;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return backoff;
    }
}
