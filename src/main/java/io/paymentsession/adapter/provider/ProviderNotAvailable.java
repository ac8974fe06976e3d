package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.api.CanonicalReplies;
import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.Outcome;
import io.paymentsession.adapter.merchant.MerchantAccount;
import org.apache.camel.Exchange;

/**
 * Answers for a provider whose dialect this build does not have yet. Nothing is sent anywhere, so the
 * outcome is NOT_CREATED, and retrying cannot help until the adapter is upgraded.
 */
public final class ProviderNotAvailable {

    public void refuse(Exchange exchange) {
        MerchantAccount account = exchange.getProperty(CanonicalReplies.ACCOUNT, MerchantAccount.class);
        throw new CanonicalException(new CanonicalError(Cause.SERVER_FAILED, ErrorSource.ADAPTER,
                "Provider " + account.provider() + " is not available in this version of the adapter.",
                null, null, false, Outcome.NOT_CREATED, null, null, null)).withHttpStatus(500);
    }
}
