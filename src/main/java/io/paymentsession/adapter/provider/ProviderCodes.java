package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.Cause;
import java.util.Map;

/**
 * The provider error codes one dialect's mapper knows and the canonical cause each maps to, as data: the mapper
 * looks its causes up here, the README lists the same table (ProviderCodesReadmeTest holds them equal), and a code
 * that is not listed is counted as unmapped ({@link UnmappedCodes}).
 * <p>
 * A provider error's cause is, in this order: the rule for its HTTP status "whatever the code"; its code's; the rule
 * for its HTTP status with another code (or none). A status rule is keyed by the exact status ({@code "401"}), its
 * class ({@code "5xx"}) or {@link #ANY_STATUS}, tried in that order. (A provider's 503 is SERVER_BUSY in every dialect
 * anyway: {@link ProviderErrors#reported}.)
 *
 * @param statusesWhateverCode statuses that decide the cause even when the code is known
 * @param codes the provider codes the mapper knows
 * @param statuses statuses for a code not in {@code codes}; holds {@link #ANY_STATUS}, so every error has a cause
 */
public record ProviderCodes(Map<String, Cause> statusesWhateverCode, Map<String, Cause> codes, Map<String, Cause> statuses) {

    public static final String ANY_STATUS = "any";

    public ProviderCodes {
        if (!statuses.containsKey(ANY_STATUS)) {
            throw new IllegalArgumentException("the statuses for another code need a rule for any status");
        }
        statusesWhateverCode = Map.copyOf(statusesWhateverCode);
        codes = Map.copyOf(codes);
        statuses = Map.copyOf(statuses);
    }

    /** @param code the provider's code, null when it gave none */
    public Cause cause(String code, int status) {
        Cause cause = byStatus(statusesWhateverCode, status);
        if (cause == null && code != null) {
            cause = codes.get(code);
        }
        return cause != null ? cause : byStatus(statuses, status);
    }

    public boolean knows(String code) {
        return code != null && codes.containsKey(code);
    }

    private static Cause byStatus(Map<String, Cause> rules, int status) {
        if (rules.isEmpty()) {
            return null;
        }
        Cause exact = rules.get(Integer.toString(status));
        if (exact != null) {
            return exact;
        }
        Cause inClass = rules.get(status / 100 + "xx");
        return inClass != null ? inClass : rules.get(ANY_STATUS);
    }
}
