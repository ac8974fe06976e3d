package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.observe.AdapterMetrics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the provider errors a dialect's mapper maps by a generic rule visible: each reply whose code is not in the
 * dialect's {@link ProviderCodes} counts in {@code adapter_provider_unmapped_codes_total{provider,code}}, and the first
 * one of each (provider, code) is logged at WARN with its HTTP status and the cause it was given; never its body.
 * <p>
 * A provider's code is untrusted text, so the label is bounded: a code of 1 to {@value #MAX_CODE_LENGTH} characters
 * of {@code [A-Za-z0-9_.-]} is kept, at most {@value #MAX_CODES_PER_PROVIDER} distinct ones per provider; any other
 * counts as {@value #OTHER}, and an error without a code as {@value #NONE}.
 */
public final class UnmappedCodes {

    static final int MAX_CODE_LENGTH = 40;
    static final int MAX_CODES_PER_PROVIDER = 100;
    static final String OTHER = "other";
    static final String NONE = "none";
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_CODE_LENGTH + "}");
    private static final Logger LOG = LoggerFactory.getLogger(UnmappedCodes.class);

    private final AdapterMetrics metrics;
    /** Per provider, the labels seen so far. Only unmapped codes come here, rarely: one lock is enough. */
    private final Map<String, Set<String>> seen = new HashMap<>();

    public UnmappedCodes(AdapterMetrics metrics) {
        this.metrics = metrics;
    }

    /** Called by each provider's reply step (provider/call/ProviderReply) with the error its dialect made of a reply. */
    public void observe(Dialect dialect, UpstreamReply reply, CanonicalError error) {
        // only an error the provider reported in its dialect has a code to map; not a reply outside it
        if (error.source() != ErrorSource.PROVIDER || dialect.providerCodes().knows(error.providerCode())) {
            return;
        }
        String provider = dialect.id();
        String code = error.providerCode();
        String label;
        boolean first;
        synchronized (seen) {
            Set<String> labels = seen.computeIfAbsent(provider, id -> new HashSet<>());
            label = label(labels, code);
            first = labels.add(label);
        }
        metrics.unmappedProviderCode(provider, label);
        if (first) {
            LOG.warn("Provider {} answered HTTP {} with code {}, which its mapping does not know: answered as {}"
                            + " (counted in adapter_provider_unmapped_codes_total, logged once per code)",
                    provider, reply.status(), label, error.cause());
        }
    }

    /** The code as its label: itself while it is safe and among the first codes of its provider. */
    private static String label(Set<String> seenLabels, String code) {
        if (code == null || code.isBlank()) {
            return NONE;
        }
        if (!SAFE_CODE.matcher(code).matches()) {
            return OTHER;
        }
        if (seenLabels.contains(code)) {
            return code;
        }
        long codesSeen = seenLabels.size() - (seenLabels.contains(OTHER) ? 1 : 0) - (seenLabels.contains(NONE) ? 1 : 0);
        return codesSeen < MAX_CODES_PER_PROVIDER ? code : OTHER;
    }
}
