package io.paymentsession.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.Replies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** One TCP connection to a port, for bytes no HTTP client would send: the test writes, then reads what comes back. */
final class RawConnection implements AutoCloseable {

    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] [0-9]{3} ");

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByServer;

    RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
    }

    RawConnection send(String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    /** Reads until the server closes the connection (a reset counts as closed) or {@code waitMs} passes. */
    RawConnection readUntilClosed(int waitMs) throws IOException {
        socket.setSoTimeout(waitMs);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
            closedByServer = true;
        } catch (SocketTimeoutException stillOpen) {
            closedByServer = false;
        } catch (IOException reset) {
            closedByServer = true;
        }
        return this;
    }

    /** Reads one reply with a Content-Length (every canonical refusal has one), leaving the connection as it is. */
    RawConnection readOneReply(int waitMs) throws IOException {
        socket.setSoTimeout(waitMs);
        InputStream in = socket.getInputStream();
        while (!text().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                closedByServer = true;
                return this;
            }
            received.write(b);
        }
        String head = text().substring(0, text().indexOf("\r\n\r\n"));
        int length = Integer.parseInt(header(head, "content-length"));
        received.write(in.readNBytes(length));
        return this;
    }

    boolean closedByServer() {
        return closedByServer;
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Asserts the bytes received are exactly one canonical error reply with this status, and returns its body. */
    JsonNode assertOneCanonicalError(int status) {
        String text = text();
        assertTrue(text.startsWith("HTTP/1."), "a reply: " + text);
        assertEquals(1, STATUS_LINE.matcher(text).results().count(), "exactly one reply: " + text);
        int bodyStart = text.indexOf("\r\n\r\n");
        String head = text.substring(0, bodyStart);
        assertEquals(Integer.toString(status), head.split(" ")[1], text);
        assertEquals("application/json", header(head, "content-type"), text);
        String body = text.substring(bodyStart + 4);
        JsonNode reply = Replies.json(body);
        assertEquals("ERROR", Replies.text(reply, "result"), body);
        assertEquals("ADAPTER", Replies.text(reply, "error.source"), body);
        assertFalse(body.contains("null"), body);
        return reply;
    }

    /** A header of the reply, or null. */
    String header(String name) {
        return header(text(), name);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
