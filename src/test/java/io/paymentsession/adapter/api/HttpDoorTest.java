package io.paymentsession.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API port under hostile clients, over raw sockets: stalled connections are closed within their bound,
 * ambiguous framing is refused and the connection closed, and every refusal is the canonical JSON error.
 */
class HttpDoorTest {

    private static final int HEADER_MS = 1000;
    private static final int BODY_MS = 2000;
    private static final int IDLE_MS = 3000;
    /** Timers may fire late on a busy machine, never early. */
    private static final int LATE_MS = 3000;
    private static final String BODY = "{\"merchantId\":\"M1\"}";
    private static final String POST = "POST /api/v1/sessions HTTP/1.1\r\nHost: adapter\r\nContent-Type: application/json\r\n";
    private static final String SMUGGLED = "GET /api/v1/sessions/SMUGGLED HTTP/1.1\r\nHost: adapter\r\n\r\n";

    private static RunningAdapter adapter;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        adapter = RunningAdapter.start(Map.of(
                "adapter.http.header-timeout-ms", Integer.toString(HEADER_MS),
                "adapter.http.body-timeout-ms", Integer.toString(BODY_MS),
                "adapter.http.idle-timeout-ms", Integer.toString(IDLE_MS)));
        port = adapter.uri("/").getPort();
    }

    @AfterAll
    static void stop() {
        adapter.close();
    }

    /** A stalled connection: what the client does, which bound closes it, and whether a 408 comes first. */
    private record Stall(String name, int boundMs, boolean answered408, StallingClient client) {
    }

    private interface StallingClient {
        /** Stalls the connection; returns the nanoTime its bound starts from. */
        long stall(Socket socket) throws Exception;
    }

    private static long sent(Socket socket, String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes());
        socket.getOutputStream().flush();
        return System.nanoTime();
    }

    /** Writes one byte every 100 ms, from another thread, until the server closes the connection. */
    private static void drip(Socket socket, ExecutorService threads) {
        threads.submit(() -> {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write('a');
                out.flush();
                Thread.sleep(100);
            }
        });
    }

    @Test
    void closesEveryKindOfStalledConnectionWithinItsBound() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            List<Stall> stalls = List.of(
                    new Stall("connected, nothing sent", HEADER_MS, false, socket -> System.nanoTime()),
                    new Stall("half a request line", HEADER_MS, false, socket -> {
                        long opened = System.nanoTime();
                        sent(socket, "POST /api/v1/ses");
                        return opened;
                    }),
                    new Stall("request line, headers never end", HEADER_MS, false, socket -> {
                        long opened = System.nanoTime();
                        sent(socket, POST);
                        return opened;
                    }),
                    new Stall("a header dripped byte by byte", HEADER_MS, false, socket -> {
                        long opened = System.nanoTime();
                        sent(socket, POST + "X-Slow: ");
                        drip(socket, threads);
                        return opened;
                    }),
                    new Stall("head complete, body never sent", BODY_MS, true,
                            socket -> sent(socket, POST + "Content-Length: 19\r\n\r\n")),
                    new Stall("body dripped byte by byte", BODY_MS, true, socket -> {
                        long headSent = sent(socket, POST + "Content-Length: 1000\r\n\r\n");
                        drip(socket, threads);
                        return headSent;
                    }),
                    new Stall("chunked body stops after a chunk", BODY_MS, true,
                            socket -> sent(socket, POST + "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"me\r\n")),
                    new Stall("kept alive after a reply, then silent", IDLE_MS, false, socket -> {
                        sent(socket, POST + "Content-Length: 19\r\n\r\n" + BODY);
                        readReply(socket);
                        return System.nanoTime();
                    }),
                    new Stall("kept alive, then half a request", HEADER_MS, false, socket -> {
                        sent(socket, POST + "Content-Length: 19\r\n\r\n" + BODY);
                        readReply(socket);
                        Thread.sleep(500);
                        return sent(socket, "GET /api/v1/sess");
                    }));
            List<Future<String>> results = new ArrayList<>();
            for (Stall stall : stalls) {
                results.add(threads.submit(() -> closedWithinBound(stall)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> result : results) {
                String failure = result.get(30, TimeUnit.SECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            threads.shutdownNow();
        }
    }

    /** Null when the server closed the stalled connection within its bound, else what went wrong. */
    private static String closedWithinBound(Stall stall) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            long from = stall.client().stall(socket);
            socket.setSoTimeout(stall.boundMs() + LATE_MS + 2000);
            String received;
            try {
                received = new String(socket.getInputStream().readAllBytes());
            } catch (SocketTimeoutException stillOpen) {
                return stall.name() + ": still open after " + (System.nanoTime() - from) / 1_000_000 + " ms";
            } catch (IOException reset) {
                received = "";
            }
            long closedAfterMs = (System.nanoTime() - from) / 1_000_000;
            if (closedAfterMs < stall.boundMs() - 200 || closedAfterMs > stall.boundMs() + LATE_MS) {
                return stall.name() + ": closed after " + closedAfterMs + " ms, bound " + stall.boundMs() + " ms";
            }
            boolean got408 = received.startsWith("HTTP/1.1 408 ") && received.contains("\"cause\":\"INVALID_REQUEST\"");
            if (stall.answered408() != got408) {
                return stall.name() + ": expected " + (stall.answered408() ? "a canonical 408" : "no reply") + ", got: " + received;
            }
            return null;
        }
    }

    /** Reads one reply with a chunked or Content-Length body, whole. */
    private static void readReply(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        StringBuilder seen = new StringBuilder();
        while (!(seen.toString().endsWith("\r\n0\r\n\r\n") || seen.toString().endsWith("}") && seen.toString().toLowerCase(java.util.Locale.ROOT).contains("content-length"))) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new IOException("closed before a reply: " + seen);
            }
            seen.append((char) b);
        }
    }

    @Test
    void refusesContentLengthWithTransferEncodingAndNeverServesTheSmuggledRequest() throws Exception {
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(POST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n13\r\n" + BODY + "\r\n0\r\n\r\n" + SMUGGLED)
                    .readUntilClosed(10_000);
            assertTrue(connection.closedByServer(), connection.text());
            JsonNode reply = connection.assertOneCanonicalError(400);
            assertEquals("INVALID_REQUEST", Replies.text(reply, "error.cause"));
            assertEquals("close", connection.header("connection"));
        }
    }

    static Stream<Arguments> ambiguousFraming() {
        String chunkedBody = "13\r\n" + BODY + "\r\n0\r\n\r\n";
        return Stream.of(
                Arguments.of("obs-folded Transfer-Encoding", POST + "Transfer-Encoding:\r\n chunked\r\n\r\n" + chunkedBody),
                Arguments.of("obs-folded Transfer-Encoding after a value", POST + "Transfer-Encoding: identity\r\n chunked\r\n\r\n" + chunkedBody),
                Arguments.of("unknown Transfer-Encoding", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunkedBody),
                Arguments.of("Transfer-Encoding identity", POST + "Transfer-Encoding: identity\r\nContent-Length: 19\r\n\r\n" + BODY),
                Arguments.of("two Transfer-Encoding fields", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody),
                Arguments.of("Transfer-Encoding on HTTP/1.0", POST.replace("HTTP/1.1", "HTTP/1.0") + "Transfer-Encoding: chunked\r\n\r\n" + chunkedBody),
                Arguments.of("obs-folded Content-Length", POST + "Content-Length:\r\n 19\r\n\r\n" + BODY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousFraming")
    void refusesAmbiguousFramingAndClosesTheConnection(String name, String request) throws Exception {
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(request + SMUGGLED).readUntilClosed(10_000);
            assertTrue(connection.closedByServer(), connection.text());
            assertEquals("INVALID_REQUEST", Replies.text(connection.assertOneCanonicalError(400), "error.cause"));
        }
    }

    @Test
    void stopsReadingAndClosesAfterA413() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(POST + "Content-Length: 1073741824\r\n\r\n");
            AtomicLong written = new AtomicLong();
            Future<?> gigabyte = writer.submit(() -> {
                byte[] chunk = new byte[65536];
                while (written.get() < 1L << 30) {
                    connection.output().write(chunk);
                    written.addAndGet(chunk.length);
                }
                return null;
            });
            assertTrue(connection.readUntilClosed(10_000).closedByServer(), connection.text());
            assertEquals("INVALID_REQUEST", Replies.text(connection.assertOneCanonicalError(413), "error.cause"));
            try {
                gigabyte.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException refused) {
                // writing failed: the server closed the connection instead of reading the rest
            }
            assertTrue(written.get() < 1L << 30, "the server read the whole gigabyte");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void refusesAnEncodedBodyWith415AndAcceptsIdentity() throws Exception {
        HttpResponse<String> gzip = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        Replies.assertError(gzip, 415, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        HttpResponse<String> identity = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "identity")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        assertEquals(201, identity.statusCode(), identity.body());
    }

    static Stream<Arguments> unreadableRequests() {
        return Stream.of(
                Arguments.of("headers over 8 KiB", "GET /api/v1/sessions/x HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n", 431, true),
                Arguments.of("request line over 4 KiB", "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414, true),
                Arguments.of("bad request line", "GARBAGE\r\n\r\n", 400, true),
                Arguments.of("unknown HTTP version", "GET /api/v1/sessions/x HTTP/9.9\r\nHost: a\r\n\r\n", 400, true),
                Arguments.of("bad chunk size", POST + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400, true),
                Arguments.of("bad %-escape in the path", "GET /api/v1/sessions/%zz HTTP/1.1\r\nHost: a\r\n\r\n", 400, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableRequests")
    void answersAnUnreadableRequestWithTheCanonicalError(String name, String request, int status, boolean closes) throws Exception {
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(request).readOneReply(10_000);
            JsonNode reply = connection.assertOneCanonicalError(status);
            assertEquals("INVALID_REQUEST", Replies.text(reply, "error.cause"));
            assertEquals("NOT_CREATED", Replies.text(reply, "error.outcome"));
            assertEquals("false", Replies.text(reply, "error.retryable"));
            if (closes) {
                assertEquals("close", connection.header("connection"));
                assertTrue(connection.readUntilClosed(5_000).closedByServer(), "the connection cannot continue");
            } else {
                assertNull(connection.header("connection"), "the connection can continue");
                assertFalse(connection.readUntilClosed(500).closedByServer());
            }
        }
    }

    @Test
    void logsAndCountsARefusalOfTheDecoder() throws Exception {
        try (LogCapture logs = LogCapture.atLevel(Level.INFO); RawConnection connection = new RawConnection(port)) {
            connection.send("GET /api/v1/sessions/x HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n").readUntilClosed(10_000);
            assertTrue(logs.text().contains("method=GET path=/api/v1/sessions/x status=431 latencyMs=0 cause=INVALID_REQUEST"), logs.text());
        }
        HttpResponse<String> metrics = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET());
        assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("adapter_requests_total{")
                && line.contains("cause=\"INVALID_REQUEST\"")), metrics.body());
    }
}
