package io.paymentsession.adapter.flow;

/**
 * The exchange properties that routes and classes share, named once. This package is the bottom layer:
 * it depends on nothing of the adapter's, so that the HTTP door, the provider calls and the replies can
 * all read what the others wrote without depending on each other.
 */
public final class ExchangeProperties {

    /** The validated {@code CreateSessionRequest} (routes: {@code ${exchangeProperty.sessionRequest}}). */
    public static final String SESSION_REQUEST = "sessionRequest";
    /** The {@code MerchantAccount} that serves the request. */
    public static final String MERCHANT_ACCOUNT = "merchantAccount";
    /**
     * The route that serves the request, as the create-session route calls it ({@code toD}):
     * {@code direct:provider-<id>} for a provider, {@code direct:session-store} for the local store.
     */
    public static final String PROVIDER_ROUTE = "providerRoute";

    /**
     * The request's claim on its {@code Idempotency-Key} (idempotency/HeldClaim), absent without the header: the
     * reply completes it, once (api/CanonicalReplies).
     */
    public static final String IDEMPOTENCY_CLAIM = "idempotencyClaim";

    /** The request line the access log reports: method, path, and the operation (a request without one is a create). */
    public static final String ACCESS_METHOD = "accessMethod";
    public static final String ACCESS_PATH = "accessPath";
    public static final String ACCESS_OPERATION = "accessOperation";

    /** When the request left (an Instant, milliseconds). */
    public static final String UPSTREAM_SENT_AT = "upstreamSentAt";
    /** The provider's HTTP status (absent when no reply came) and the call's latency, set whenever a call ended. */
    public static final String UPSTREAM_STATUS = "upstreamStatus";
    public static final String UPSTREAM_LATENCY_MS = "upstreamLatencyMs";

    private ExchangeProperties() {
    }
}
