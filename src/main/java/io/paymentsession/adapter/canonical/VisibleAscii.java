package io.paymentsession.adapter.canonical;

/** The rule of the contract's header values (Idempotency-Key, X-Request-Id): visible ASCII, bounded. */
public final class VisibleAscii {

    private VisibleAscii() {
    }

    /** 1 to {@code maxLength} characters, each from {@code !} to {@code ~}: no space, no control character. */
    public static boolean within(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
