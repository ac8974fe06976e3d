package io.paymentsession.adapter.provider.worldline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Worldline Connect's v1HMAC request signature: HMAC-SHA256, keyed with the secret API key's UTF-8
 * bytes (not Base64-decoded), over one line per item, each ending in a newline: method, Content-Type
 * as sent, Date, each X-GCS-* header (lower-case name, sorted, value folded), path with query.
 */
public final class V1HmacSigner {

    private V1HmacSigner() {
    }

    /** @param headers every header of the request; the X-GCS-* ones are picked, whatever their case */
    public static String stringToSign(String method, String contentType, String date, Map<String, String> headers,
                                      String pathAndQuery) {
        StringBuilder text = new StringBuilder()
                .append(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(contentType == null ? "" : contentType).append('\n')
                .append(date).append('\n');
        Map<String, String> gcsHeaders = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lowerName = name.toLowerCase(Locale.ROOT);
            if (lowerName.startsWith("x-gcs")) {
                gcsHeaders.put(lowerName, fold(value));
            }
        });
        gcsHeaders.forEach((name, value) -> text.append(name).append(':').append(value).append('\n'));
        return text.append(pathAndQuery).append('\n').toString();
    }

    public static String signature(String secretApiKey, String stringToSign) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secretApiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static String authorization(String apiKeyId, String secretApiKey, String stringToSign) {
        return "GCS v1HMAC:" + apiKeyId + ":" + signature(secretApiKey, stringToSign);
    }

    /** A line break and the white space after it become one space; the value is trimmed. */
    static String fold(String value) {
        return value.replaceAll("\r?\n[\\h]*", " ").trim();
    }
}
