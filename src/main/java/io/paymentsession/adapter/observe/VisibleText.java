package io.paymentsession.adapter.observe;

/**
 * Caller-sent text made safe to show in a log line whatever reads it: a format character (bidi override, zero-width)
 * or a Unicode line or paragraph separator becomes the visible escape {@code \\uXXXX}, so no caller can make a line
 * read otherwise than it is. (Control characters are escaped by each layout: the text access line quotes them, the
 * JSON layout writes them as JSON escapes.)
 */
public final class VisibleText {

    private VisibleText() {
    }

    /** The same string when it holds none of those characters (no copy), else a copy with each escaped. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (hidden(text.charAt(i))) {
                return escaped(text);
            }
        }
        return text;
    }

    private static boolean hidden(char c) {
        return c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT;
    }

    private static String escaped(String text) {
        StringBuilder visible = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (hidden(c)) {
                visible.append(String.format("\\u%04x", (int) c));
            } else {
                visible.append(c);
            }
        }
        return visible.toString();
    }
}
