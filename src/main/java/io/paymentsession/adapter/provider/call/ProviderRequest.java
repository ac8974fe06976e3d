package io.paymentsession.adapter.provider.call;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.OutboundRequest;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code <provider>-request}: the validated request and the merchant's account in the provider's dialect.
 * Out: the {@link OutboundRequest} (URL, headers, body), exactly what goes on the wire.
 */
final class ProviderRequest implements Processor {

    private final Dialect dialect;
    /** The provider's settings for a request: always the same live; in sandbox mode, the simulator's base URL. */
    private final Function<CreateSessionRequest, ProviderSettings> settings;

    ProviderRequest(Dialect dialect, Function<CreateSessionRequest, ProviderSettings> settings) {
        this.dialect = dialect;
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) {
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        exchange.getMessage().setBody(dialect.request(request, account, settings.apply(request)));
    }
}
