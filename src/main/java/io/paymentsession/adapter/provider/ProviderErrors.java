package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.canonical.ValidationType;
import java.util.List;

/** The canonical errors every dialect builds from a provider's reply. */
public final class ProviderErrors {

    /** Seconds a caller is told to wait after SERVER_BUSY or REQUEST_IN_PROGRESS when the provider did not say. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

    private ProviderErrors() {
    }

    /** A reply that is not the provider's dialect: HTML, truncated, wrong content type, missing members. */
    public static CanonicalException notDialect(UpstreamReply reply, String what) {
        return new CanonicalException(CanonicalError.of(Cause.SERVER_FAILED, ErrorSource.TRANSPORT,
                "The provider answered " + reply.describe() + " that is not its dialect: " + what + "."));
    }

    /**
     * An error the provider reported in its dialect.
     *
     * @param field the canonical field name, or null when the provider's field has none
     */
    public static CanonicalException reported(Cause cause, UpstreamReply reply, String explanation, String field,
                                              ValidationType validationType, String supportCode, String providerCode,
                                              List<ProviderError> providerErrors) {
        // a provider's 503 is SERVER_BUSY in every dialect, whatever its body says
        Cause effective = reply.status() == 503 ? Cause.SERVER_BUSY : cause;
        CanonicalError error = CanonicalError.of(effective, ErrorSource.PROVIDER, explanation)
                .withField(field, field == null ? null : validationType)
                .withProviderDetails(supportCode, providerCode, providerErrors.isEmpty() ? null : providerErrors);
        CanonicalException exception = new CanonicalException(error);
        boolean retryLater = effective == Cause.SERVER_BUSY || effective == Cause.REQUEST_IN_PROGRESS;
        return retryLater ? exception.withReplyHeader("Retry-After", retryAfter(reply)) : exception;
    }

    /** The provider's Retry-After when it is a plain number of seconds (at most a day), else the default. */
    static String retryAfter(UpstreamReply reply) {
        String value = reply.retryAfter() == null ? "" : reply.retryAfter().trim();
        if (value.matches("\\d{1,5}") && Integer.parseInt(value) <= 86_400) {
            return value;
        }
        return Integer.toString(DEFAULT_RETRY_AFTER_SECONDS);
    }

    public static ValidationType validationType(String value) {
        if (value == null) {
            return null;
        }
        for (ValidationType type : ValidationType.values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        return ValidationType.INVALID;
    }
}
