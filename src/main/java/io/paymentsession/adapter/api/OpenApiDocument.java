package io.paymentsession.adapter.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.1 document of the canonical API, served at {@code GET /api/v1/openapi.json}. It describes the code, not
 * a deployment, so it ships inside the jar (src/main/resources) and changes only with the code; it is read once, at
 * start, and served from memory.
 */
public final class OpenApiDocument {

    /** Where the document is on the class path. */
    public static final String RESOURCE = "/openapi.json";

    private OpenApiDocument() {
    }

    /** The document's JSON text; a jar without it is a broken build, so the start fails. */
    public static String read() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + RESOURCE, e);
        }
    }
}
