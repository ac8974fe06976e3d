package io.paymentsession.adapter.store;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers in the shape the Mastercard gateway uses, so a caller cannot tell a local
 * session from a real one: {@code SESSION} + 13 digits + letter + 8 digits + letter + 1 digit (31 characters,
 * about 81 random bits), a 10-hex-digit version and an AES-256 key of 32 random bytes.
 */
public final class SessionIds {

    /** Enough random bytes for an id's 24 characters, even with the few that are drawn again (see {@link Symbols}). */
    private static final int ID_BYTES = 32;

    /**
     * The JDK's DRBG (NIST SP 800-90A Hash_DRBG, SHA-256), seeded from the system's entropy, one per thread: a
     * SecureRandom locks on every call, and the event loops creating sessions side by side queued on one. (The
     * default on Linux, NativePRNG, also reads /dev/urandom 32 bytes at a time: three system calls a session.)
     */
    private final ThreadLocal<RandomBytes> random = ThreadLocal.withInitial(RandomBytes::new);

    /**
     * A thread's DRBG, drawn {@value #DRAW_BYTES} bytes at a time and handed out in order, each byte once: a draw
     * costs about one hash more than the bytes it makes, so drawing for several sessions at once costs a third of
     * drawing for each value.
     */
    private static final class RandomBytes {

        private static final int DRAW_BYTES = 512;

        private final SecureRandom drbg = newDrbg();
        private final byte[] drawn = new byte[DRAW_BYTES];
        private int next = DRAW_BYTES;

        private static SecureRandom newDrbg() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no DRBG SecureRandom", e);
            }
        }

        void fill(byte[] into) {
            int filled = 0;
            while (filled < into.length) {
                if (next == DRAW_BYTES) {
                    drbg.nextBytes(drawn);
                    next = 0;
                }
                int count = Math.min(into.length - filled, DRAW_BYTES - next);
                System.arraycopy(drawn, next, into, filled, count);
                Arrays.fill(drawn, next, next + count, (byte) 0); // handed out once: a key's bytes stay nowhere else
                next += count;
                filled += count;
            }
        }
    }

    public String newSessionId() {
        Symbols symbols = new Symbols(bytes(ID_BYTES));
        StringBuilder id = new StringBuilder(31).append("SESSION");
        symbols.appendDigits(id, 13);
        symbols.appendLetter(id);
        symbols.appendDigits(id, 8);
        symbols.appendLetter(id);
        symbols.appendDigits(id, 1);
        return id.toString();
    }

    public String newVersion() {
        return HexFormat.of().formatHex(bytes(5));
    }

    public String newAes256Key() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.get().fill(bytes);
        return bytes;
    }

    /**
     * Digits and letters drawn uniformly from random bytes: a byte that falls in the last, incomplete round of 10
     * (or 26) values is skipped, and more bytes are drawn when these run out.
     */
    private final class Symbols {

        private byte[] bytes;
        private int next;

        Symbols(byte[] bytes) {
            this.bytes = bytes;
        }

        void appendDigits(StringBuilder id, int count) {
            for (int i = 0; i < count; i++) {
                id.append((char) ('0' + below(10)));
            }
        }

        void appendLetter(StringBuilder id) {
            id.append((char) ('A' + below(26)));
        }

        private int below(int bound) {
            int limit = 256 - 256 % bound;
            while (true) {
                if (next == bytes.length) {
                    bytes = bytes(ID_BYTES);
                    next = 0;
                }
                int value = bytes[next++] & 0xff;
                if (value < limit) {
                    return value % bound;
                }
            }
        }
    }
}
