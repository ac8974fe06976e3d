package io.paymentsession.adapter.sandbox;

import io.paymentsession.adapter.merchant.MerchantAccount;
import java.util.Collection;

/**
 * One provider as its dialect's documentation and samples describe it (spec/providers.md): how it checks a
 * merchant's credentials, and its replies: a new session, a field error, refused credentials, busy, failed.
 * What the network does (a proxy's page, a cut reply, a reset, a hang, a refused connection) is the same for every
 * provider: {@link SandboxProviders} does it. The route tests' stub providers answer with these same replies.
 */
public interface ProviderSimulator {

    /** The provider's replies that its dialect defines. */
    enum Answer { SESSION, FIELD_ERROR, BAD_CREDENTIALS, BUSY, FAILED }

    /** The provider's name (provider/Dialects). */
    String provider();

    /**
     * Whether the request is the provider's (its path and method) and carries the credentials of one of these
     * merchants, checked as the provider checks them.
     *
     * @param merchants the accounts of this provider's merchants
     */
    boolean authentic(SimulatedRequest request, Collection<MerchantAccount> merchants);

    SimulatedReply reply(Answer answer, SimulatedRequest request);
}
