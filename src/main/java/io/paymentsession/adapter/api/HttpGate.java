package io.paymentsession.adapter.api;

import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.observe.Operation;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * The checks an HTTP request passes before its body is read: method, content coding and media type. It also keeps the
 * request line for the access log, since routes further on clear the message headers.
 */
public final class HttpGate {

    private static final String METHOD = ExchangeProperties.ACCESS_METHOD;
    private static final String PATH = ExchangeProperties.ACCESS_PATH;
    /** Set on a read; a request without it is a create (direct callers pass no gate). */
    private static final String OPERATION = ExchangeProperties.ACCESS_OPERATION;

    public void acceptCreate(Exchange exchange) {
        requireMethod(exchange, "POST");
        String contentEncoding = exchange.getMessage().getHeader("Content-Encoding", String.class);
        if (contentEncoding != null && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            // read as it is, a compressed body would only ever be malformed JSON
            throw CanonicalException.invalidRequest("The request body must not be encoded (Content-Encoding); send plain JSON.")
                    .withHttpStatus(415);
        }
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isUtf8Json(contentType)) {
            throw CanonicalException.invalidRequest("Content-Type must be application/json (UTF-8), not "
                            + (contentType == null ? "missing" : "'" + contentType + "'") + ".")
                    .withHttpStatus(415);
        }
    }

    public void acceptRead(Exchange exchange) {
        exchange.setProperty(OPERATION, Operation.READ);
        requireMethod(exchange, "GET");
    }

    /** The OpenAPI document: no operation of the API, so a refusal there is counted as none, like an unknown path. */
    public void acceptDocumentRead(Exchange exchange) {
        exchange.setProperty(OPERATION, Operation.NONE);
        requireMethod(exchange, "GET");
    }

    private static void requireMethod(Exchange exchange, String allowed) {
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        exchange.setProperty(METHOD, method);
        exchange.setProperty(PATH, exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class));
        if (!allowed.equals(method)) {
            throw CanonicalException.invalidRequest("Method " + method + " is not allowed here; use " + allowed + ".")
                    .withHttpStatus(405)
                    .withReplyHeader("Allow", allowed);
        }
    }

    /** {@code application/json}, with no charset or charset UTF-8 (JSON's only charset, RFC 8259). */
    static boolean isUtf8Json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                if (!charset.toLowerCase(Locale.ROOT).equals("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
