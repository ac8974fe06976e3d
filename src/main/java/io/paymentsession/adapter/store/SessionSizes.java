package io.paymentsession.adapter.store;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.PaymentProductFilters;
import io.paymentsession.adapter.canonical.ProductFilter;
import io.paymentsession.adapter.canonical.Session;
import java.math.BigDecimal;
import java.util.List;

/**
 * The heap a stored session holds, estimated for the store's byte bound: a 64-bit JVM with compressed
 * references (any heap under 32 GB), so 12-byte object headers, 4-byte references, every object rounded
 * up to 8 bytes. Every object the session holds alone is counted, shared constants too, so the estimate
 * errs high: Latin-1 text takes 1 byte a character, any other text 2 (Java's compact strings).
 */
final class SessionSizes {

    /** The store's own: its Held record (session, size, expiry), the hash-table node and slots, the queue's slot. */
    private static final long STORE_ENTRY = 96;
    private static final long HEADER = 12;
    private static final long REFERENCE = 4;
    private static final long BOXED_INTEGER = 16;
    /** Duration: seconds (long) and nanos (int). */
    private static final long DURATION = align(HEADER + 8 + 4);
    /** A BigDecimal's own fields; a BigInteger and its int[] come on top when the digits do not fit a long. */
    private static final long BIG_DECIMAL = 40;
    private static final long BIG_INTEGER = 40;
    /** String: header, byte[] reference, hash, coder and hashIsZero. */
    private static final long STRING = align(HEADER + REFERENCE + 4 + 1 + 1);
    private static final long ARRAY_HEADER = 16;

    private SessionSizes() {
    }

    static long of(StoredSession stored) {
        return STORE_ENTRY + record(3) + DURATION + session(stored.session()) + request(stored.request());
    }

    private static long session(Session session) {
        return record(6) + text(session.id()) + text(session.updateStatus()) + text(session.version())
                + boxed(session.authenticationLimit()) + text(session.aes256Key()) + text(session.expiresAt());
    }

    private static long request(CreateSessionRequest request) {
        return record(7) + text(request.merchantId()) + text(request.correlationId())
                + boxed(request.authenticationLimit()) + text(request.lineOfBusiness())
                + decimal(request.expiresInMinutes()) + texts(request.tokens()) + filters(request.paymentProductFilters());
    }

    private static long filters(PaymentProductFilters filters) {
        return filters == null ? 0 : record(2) + filter(filters.restrictTo()) + filter(filters.exclude());
    }

    private static long filter(ProductFilter filter) {
        if (filter == null) {
            return 0;
        }
        long products = filter.products() == null ? 0 : list(filter.products().size()) + filter.products().size() * BOXED_INTEGER;
        return record(2) + texts(filter.groups()) + products;
    }

    private static long texts(List<String> texts) {
        if (texts == null) {
            return 0;
        }
        long bytes = list(texts.size());
        for (String text : texts) {
            bytes += text(text);
        }
        return bytes;
    }

    private static long text(String text) {
        if (text == null) {
            return 0;
        }
        return STRING + align(ARRAY_HEADER + (long) text.length() * (isLatin1(text) ? 1 : 2));
    }

    private static boolean isLatin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static long decimal(BigDecimal decimal) {
        if (decimal == null) {
            return 0;
        }
        int bits = decimal.unscaledValue().bitLength();
        return BIG_DECIMAL + (bits < 64 ? 0 : BIG_INTEGER + align(ARRAY_HEADER + 4L * (bits / 32 + 1)));
    }

    private static long boxed(Integer value) {
        return value == null ? 0 : BOXED_INTEGER;
    }

    /** An immutable list: its object and its array of references. */
    private static long list(int size) {
        return align(HEADER + REFERENCE) + align(ARRAY_HEADER + REFERENCE * size);
    }

    private static long record(int references) {
        return align(HEADER + REFERENCE * references);
    }

    private static long align(long bytes) {
        return (bytes + 7) / 8 * 8;
    }
}
