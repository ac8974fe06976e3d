package io.paymentsession.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Canned provider replies under src/test/resources/fixtures/, one file per case. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
