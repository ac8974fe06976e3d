package io.paymentsession.adapter.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers in the shape the Mastercard gateway uses, so a caller cannot tell a local
 * session from a real one: {@code SESSION} + 13 digits + letter + 8 digits + letter + 1 digit (31 characters,
 * about 81 random bits), a 10-hex-digit version and an AES-256 key of 32 random bytes.
 */
final class SessionIds {

    private final SecureRandom random = new SecureRandom();

    String newSessionId() {
        StringBuilder id = new StringBuilder(31).append("SESSION");
        appendDigits(id, 13);
        appendLetter(id);
        appendDigits(id, 8);
        appendLetter(id);
        appendDigits(id, 1);
        return id.toString();
    }

    String newVersion() {
        byte[] bytes = new byte[5];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    String newAes256Key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private void appendDigits(StringBuilder id, int count) {
        for (int i = 0; i < count; i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
    }

    private void appendLetter(StringBuilder id) {
        id.append((char) ('A' + random.nextInt(26)));
    }
}
