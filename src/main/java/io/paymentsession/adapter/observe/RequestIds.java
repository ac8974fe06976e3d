package io.paymentsession.adapter.observe;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.VisibleAscii;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.merchant.MerchantAccount;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.ThreadContext;

/**
 * A request's ids: its request id (the caller's {@code X-Request-Id}, or one made here) and, once known, its
 * correlationId, merchantId and provider. Every reply carries the request id back ({@code X-Request-Id}); every log
 * line written while the request is served carries all four through the MDC, which {@link RequestUnitOfWork} sets
 * on each thread the exchange runs on and clears when it leaves.
 *
 * <p>The MDC is Log4j's ThreadContext, used directly, with its garbage-free map (log4j2.component.properties), which
 * changes in place. Only these keys are put and removed, so another part's MDC keys stay as they are.
 */
public final class RequestIds {

    /** The request and reply header, and the Camel header a {@code direct:create-session} caller may set. */
    public static final String HEADER = "X-Request-Id";
    /** The exchange property that holds the request id. */
    public static final String PROPERTY = "requestId";
    /** The longest request id accepted from a caller. */
    public static final int MAX_LENGTH = 128;

    static final String REQUEST_ID = "requestId";
    static final String CORRELATION_ID = "correlationId";
    static final String MERCHANT_ID = "merchantId";
    static final String PROVIDER = "provider";
    private static final List<String> KEYS = List.of(REQUEST_ID, CORRELATION_ID, MERCHANT_ID, PROVIDER);
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The exchange whose ids this thread's MDC holds, and which of them. */
    private static final ThreadLocal<InMdc> IN_MDC = ThreadLocal.withInitial(InMdc::new);

    private RequestIds() {
    }

    private static final class InMdc {
        Exchange exchange;
        /** {@link #REQUEST_KNOWN} and {@link #ACCOUNT_KNOWN}: the ids put so far. */
        int known;
    }

    private static final int REQUEST_KNOWN = 1;
    private static final int ACCOUNT_KNOWN = 2;

    /**
     * The caller's request id if it is 1 to {@link #MAX_LENGTH} visible ASCII characters (no space, no control
     * character: it goes into every log line of the request as it is); else a new one.
     */
    public static String accept(Object inbound) {
        return inbound instanceof String id && VisibleAscii.within(id, MAX_LENGTH) ? id : generate();
    }

    /** 128 random bits as 32 hex digits: unique enough to find a request by, not a secret (so no SecureRandom). */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        hex(random.nextLong(), id, 0);
        hex(random.nextLong(), id, 16);
        return new String(id);
    }

    private static void hex(long bits, char[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) bits & 0xf];
            bits >>>= 4;
        }
    }

    /** The exchange's request id; null for an exchange the adapter's routes never ran. */
    public static String of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, String.class);
    }

    /**
     * Puts the exchange's ids into this thread's MDC, unless they are there already: called before every step, it
     * costs a thread-local read and two comparisons once every id is known, and one MDC change when one becomes known.
     */
    static void enter(Exchange exchange) {
        InMdc inMdc = IN_MDC.get();
        if (inMdc.exchange == exchange && inMdc.known == (REQUEST_KNOWN | ACCOUNT_KNOWN)) {
            return;
        }
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        int known = (request == null ? 0 : REQUEST_KNOWN) | (account == null ? 0 : ACCOUNT_KNOWN);
        if (inMdc.exchange == exchange && inMdc.known == known) {
            return;
        }
        if (inMdc.exchange != exchange && inMdc.exchange != null) {
            // another request's ids, which a thread left without leave(): none of them may stay
            ThreadContext.removeAll(KEYS);
        }
        // each put changes the map in place (log4j2.component.properties: the garbage-free ThreadContext map)
        put(REQUEST_ID, of(exchange));
        if (request != null) {
            put(MERCHANT_ID, request.merchantId());
            // any text a caller chose: shown on every line of the request, so nothing in it may hide
            put(CORRELATION_ID, VisibleText.of(request.correlationId()));
        }
        if (account != null) {
            put(PROVIDER, account.provider().id());
        }
        inMdc.exchange = exchange;
        inMdc.known = known;
    }

    private static void put(String key, String value) {
        if (value != null) {
            ThreadContext.put(key, value);
        }
    }

    /** Clears this thread's MDC of the ids of whatever request it served: the thread goes on to other work. */
    public static void leave() {
        InMdc inMdc = IN_MDC.get();
        if (inMdc.exchange != null) {
            inMdc.exchange = null;
            ThreadContext.removeAll(KEYS);
        }
    }

    /** As {@link #leave()}, if this thread's MDC holds this exchange's ids. */
    static void leave(Exchange exchange) {
        if (IN_MDC.get().exchange == exchange) {
            leave();
        }
    }
}
