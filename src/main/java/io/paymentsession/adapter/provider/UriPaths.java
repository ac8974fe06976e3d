package io.paymentsession.adapter.provider;

import java.nio.charset.StandardCharsets;

/** Building provider URLs from values that must stay one path segment each. */
public final class UriPaths {

    private UriPaths() {
    }

    /**
     * Percent-encodes everything but {@code A-Z a-z 0-9 _ -}: no value can add a segment ({@code /}),
     * climb one ({@code ..}), or start a query ({@code ?}) or fragment ({@code #}).
     */
    public static String segment(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
