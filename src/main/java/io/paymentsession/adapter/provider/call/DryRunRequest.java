package io.paymentsession.adapter.provider.call;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.DryRunReply;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.OutboundRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code dryRunRequest} (routes/dry-run.camel.yaml): what a create would send, without sending it. The merchant's
 * provider builds its request with its own {@code <provider>-request} step, the very instance its route runs
 * ({@link ProviderRequest}, the dialect's mapper), then the dialect's {@link Dialect#secrets()} are masked. The circuit
 * breaker's state is read, no permission taken; no slot is taken. The local store sends nothing.
 * In: the validated request and the merchant's account. Out: the {@link DryRunReply}.
 */
final class DryRunRequest implements Processor {

    private record ProviderSteps(Dialect dialect, ProviderRequest request, CircuitBreaker breaker) {
    }

    private final Map<String, ProviderSteps> providers = new ConcurrentHashMap<>();

    void add(Dialect dialect, ProviderRequest request, CircuitBreaker breaker) {
        providers.put(dialect.id(), new ProviderSteps(dialect, request, breaker));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        String route = exchange.getProperty(ExchangeProperties.PROVIDER_ROUTE, String.class);
        String provider = account.provider().id();
        if (Provider.LOCAL.equals(account.provider())) {
            // the local store carries every field and calls no one
            exchange.getMessage().setBody(DryRunReply.of(provider, request, route, List.of(), null, null));
            return;
        }
        ProviderSteps steps = providers.get(provider);
        steps.request().process(exchange);
        OutboundRequest masked = steps.dialect().secrets().mask(exchange.getMessage().getBody(OutboundRequest.class));
        DryRunReply.UpstreamRequest upstream = new DryRunReply.UpstreamRequest(masked.method(), masked.uri(),
                new TreeMap<>(masked.headers()), masked.bodyText());
        exchange.getMessage().setBody(DryRunReply.of(provider, request, route,
                ProviderReply.ignoredFields(steps.dialect(), request), upstream, steps.breaker().getState().name()));
    }
}
