package io.paymentsession.adapter.merchant;

import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ValidationType;
import java.util.Collection;
import java.util.Map;

/** Decides which provider account serves a request. */
public final class MerchantDirectory {

    private final Mode mode;
    private final Map<String, MerchantAccount> merchants;

    public MerchantDirectory(Mode mode, Map<String, MerchantAccount> merchants) {
        this.mode = mode;
        this.merchants = Map.copyOf(merchants);
    }

    public int merchantCount() {
        return merchants.size();
    }

    public Collection<MerchantAccount> accounts() {
        return merchants.values();
    }

    /**
     * In local mode, and for merchants whose provider is {@code local}, the store serves the request;
     * in live and sandbox mode a merchant missing from the table is refused.
     */
    public MerchantAccount accountFor(CreateSessionRequest request) {
        MerchantAccount account = merchants.get(request.merchantId());
        if (mode == Mode.LOCAL) {
            return MerchantAccount.local(request.merchantId());
        }
        if (account == null) {
            throw CanonicalException.invalidField("merchantId", ValidationType.INVALID,
                            "Merchant '" + request.merchantId() + "' is not configured in this adapter.")
                    .withCaller(request.merchantId(), request.correlationId());
        }
        return account;
    }
}
