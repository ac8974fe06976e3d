package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.ProviderSettings;
import java.util.Set;

/**
 * One provider's dialect: pure mapping, no HTTP. Input the dialect cannot carry is reported by
 * {@link #carriedFields()}; every reply that is not a session becomes a canonical error here.
 */
public interface Dialect {

    /** The optional canonical fields this dialect sends upstream or echoes; the others are reported as ignored. */
    Set<String> carriedFields();

    OutboundRequest request(CreateSessionRequest request, MerchantAccount account, ProviderSettings settings);

    /** @throws io.paymentsession.adapter.canonical.CanonicalException for every reply that is not a new session */
    ProviderSession reply(CreateSessionRequest request, UpstreamReply reply);
}
