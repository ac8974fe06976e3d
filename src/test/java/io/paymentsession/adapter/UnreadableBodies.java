package io.paymentsession.adapter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Bodies the adapter cannot read as JSON text, though each looks like a valid request: numbers beyond the
 * range it reads, and bytes that are not strict UTF-8. Each must be refused as malformed JSON (400
 * {@code INVALID_REQUEST}, no field), over HTTP and on {@code direct:create-session} alike.
 */
public final class UnreadableBodies {

    private static final String VALID = "{\"merchantId\":\"M1\",\"correlationId\":\"c-1\"}";

    private UnreadableBodies() {
    }

    /** Arguments: a name and the body's bytes. */
    public static Stream<Arguments> all() {
        return Stream.concat(numbers(), encodings());
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                number("exponent overflow in an unknown field", "\"x\":1e9999999999"),
                number("negative exponent overflow in expiresInMinutes", "\"expiresInMinutes\":1e-9999999999"),
                number("exponent past Integer.MAX_VALUE in authenticationLimit", "\"authenticationLimit\":1E+2147483648"),
                number("scale out of range, nested in arrays and objects", "\"x\":[[{\"y\":-1e-2147483648}]]"),
                number("zero with a huge exponent in products",
                        "\"paymentProductFilters\":{\"restrictTo\":{\"products\":[1,0.0e99999999999]}}"),
                number("a 1001-digit number", "\"expiresInMinutes\":1" + "0".repeat(1000)),
                number("a fraction of 1001 digits in tokens", "\"tokens\":[0." + "5".repeat(1001) + "]"));
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("UTF-16BE", VALID.getBytes(StandardCharsets.UTF_16BE)),
                Arguments.of("UTF-16LE", VALID.getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("UTF-16 with a byte order mark", VALID.getBytes(StandardCharsets.UTF_16)),
                Arguments.of("UTF-32BE", VALID.getBytes(Charset.forName("UTF-32BE"))),
                Arguments.of("UTF-32LE", VALID.getBytes(Charset.forName("UTF-32LE"))),
                Arguments.of("UTF-32 with a byte order mark", concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                        VALID.getBytes(Charset.forName("UTF-32BE")))),
                utf8("overlong 'd' in a key (merchantI\\xC1\\xA4)", "{\"merchantI", 0xC1, 0xA4, "\":\"M1\"}"),
                utf8("overlong '/' in a value (\\xC0\\xAF)", "{\"merchantId\":\"M1\",\"correlationId\":\"a", 0xC0, 0xAF, "b\"}"),
                utf8("three-byte overlong '/' (\\xE0\\x80\\xAF)", "{\"merchantId\":\"M1\",\"correlationId\":\"a", 0xE0, 0x80, 0xAF, "\"}"),
                utf8("a surrogate encoded in UTF-8 (\\xED\\xA0\\x80)", "{\"merchantId\":\"M1\",\"correlationId\":\"", 0xED, 0xA0, 0x80, "\"}"),
                utf8("a lone continuation byte", "{\"merchantId\":\"M1\",\"correlationId\":\"a", 0x80, "\"}"),
                utf8("a truncated sequence", "{\"merchantId\":\"M1\",\"correlationId\":\"a", 0xE2, 0x82, "\"}"),
                utf8("a code point past U+10FFFF", "{\"merchantId\":\"M1\",\"correlationId\":\"", 0xF4, 0x90, 0x80, 0x80, "\"}"),
                utf8("a 0xFF byte", "{\"merchantId\":\"M1\",\"correlationId\":\"a", 0xFF, "\"}"),
                utf8("a truncated sequence at the very end", "{\"merchantId\":\"M1\"}", 0xE2, 0x82));
    }

    /** A UTF-8 byte order mark before a valid body: ignored, as RFC 8259 section 8.1 allows. */
    public static byte[] validWithUtf8ByteOrderMark() {
        return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, VALID.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments number(String name, String member) {
        String body = "{\"merchantId\":\"M1\",\"correlationId\":\"c-1\"," + member + "}";
        return Arguments.of(name, body.getBytes(StandardCharsets.UTF_8));
    }

    /** ASCII text and raw bytes (given as ints), in order. */
    private static Arguments utf8(String name, Object... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                bytes.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            } else {
                bytes.write((Integer) part);
            }
        }
        return Arguments.of(name, bytes.toByteArray());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
