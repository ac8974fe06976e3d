package io.paymentsession.adapter.provider;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * camel-http's own header filter, except that it lets the Date header out: camel-http drops it by
 * default, and Worldline's v1HMAC signature covers it. Safe for every provider, since the outbound
 * message holds nothing but the headers its dialect set (ProviderCall).
 */
public final class OutboundHeaderFilter extends HttpHeaderFilterStrategy {

    public OutboundHeaderFilter() {
        getOutFilter().remove("date");
    }
}
