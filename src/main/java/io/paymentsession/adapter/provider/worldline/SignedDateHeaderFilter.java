package io.paymentsession.adapter.provider.worldline;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * camel-http's own header filter, except that it lets the Date header out: camel-http drops it by
 * default, and Worldline's v1HMAC signature covers it.
 */
public final class SignedDateHeaderFilter extends HttpHeaderFilterStrategy {

    public SignedDateHeaderFilter() {
        getOutFilter().remove("date");
    }
}
