package io.paymentsession.adapter.stub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A provider stand-in on a real loopback socket and an ephemeral port, speaking plain HTTP/1.1 written
 * by hand so that it can also misbehave the way networks do: never answer, reset the connection, cut
 * a body short, answer late. It records every request it receives.
 */
public final class StubUpstream implements AutoCloseable {

    /** A request as it arrived on the wire; header names in lower case. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What the stub does with one request. */
    public interface Action {
        void perform(Socket socket, OutputStream out, CountDownLatch closed) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Function<Received, Action> behaviour;

    private final String scheme;

    private StubUpstream(ServerSocket server, String scheme, Function<Received, Action> behaviour) {
        this.behaviour = behaviour;
        this.server = server;
        this.scheme = scheme;
        Thread acceptor = new Thread(this::acceptLoop, "stub-upstream-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static StubUpstream start(Function<Received, Action> behaviour) throws IOException {
        return new StubUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "http", behaviour);
    }

    /** The stub on a given port (one a test reserved earlier, to start listening late). */
    public static StubUpstream start(int port, Function<Received, Action> behaviour) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return new StubUpstream(server, "http", behaviour);
    }

    /**
     * The same stub behind TLS, with the server certificate of the given context; with
     * {@code needClientAuth} it also demands a client certificate its context trusts.
     */
    public static StubUpstream startTls(SSLContext tls, boolean needClientAuth, Function<Received, Action> behaviour)
            throws IOException {
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(needClientAuth);
        return new StubUpstream(server, "https", behaviour);
    }

    public void behave(Function<Received, Action> behaviour) {
        this.behaviour = behaviour;
    }

    public String url() {
        return scheme + "://127.0.0.1:" + server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received lastReceived() {
        if (received.isEmpty()) {
            throw new AssertionError("the stub received no request");
        }
        return received.get(received.size() - 1);
    }

    public void clear() {
        received.clear();
    }

    /** Connections the stub holds open now. */
    public int openConnections() {
        return open.size();
    }

    // ---- actions

    public static Action reply(int status, String contentType, Map<String, String> headers, byte[] body) {
        return (socket, out, closed) -> {
            out.write(head(status, contentType, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        };
    }

    public static Action reply(int status, String contentType, byte[] body) {
        return reply(status, contentType, Map.of(), body);
    }

    /** Reads the request, then stays silent until the adapter hangs up (or the stub closes). */
    public static Action neverAnswer() {
        return (socket, out, closed) -> {
            while (socket.getInputStream().read() >= 0) {
                // nothing more is expected; -1 is the adapter closing its end
            }
        };
    }

    public static Action after(long delayMs, Action then) {
        return (socket, out, closed) -> {
            if (!closed.await(delayMs, TimeUnit.MILLISECONDS)) {
                then.perform(socket, out, closed);
            }
        };
    }

    /** A reply of {@code size} bytes (a JSON string, well formed), sent as fast as the adapter reads it. */
    public static Action hugeBody(int size) {
        return (socket, out, closed) -> {
            out.write(head(200, "application/json", Map.of(), size).getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            out.write('"');
            for (int sent = 1; sent < size - 1; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - 1 - sent));
            }
            out.write('"');
            out.flush();
        };
    }

    /** Sends the head at once, then the body a byte every {@code everyMs}: each read is quick, the whole is slow. */
    public static Action slowDrip(byte[] body, long everyMs) {
        return (socket, out, closed) -> {
            out.write(head(200, "application/json", Map.of(), body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (byte b : body) {
                if (closed.await(everyMs, TimeUnit.MILLISECONDS)) {
                    return;
                }
                out.write(b);
                out.flush();
            }
        };
    }

    /** Starts a reply, then resets the connection (TCP RST) halfway through the body. */
    public static Action resetMidBody() {
        return (socket, out, closed) -> {
            out.write(head(201, "application/json", Map.of(), 400).getBytes(StandardCharsets.ISO_8859_1));
            out.write("{\"merchant\":\"TESTAB2894354\",\"result\":\"SUCC".getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.setSoLinger(true, 0);
        };
    }

    /** Promises a longer body than it sends, then closes the connection normally. */
    public static Action closeMidBody() {
        return (socket, out, closed) -> {
            out.write(head(201, "application/json", Map.of(), 400).getBytes(StandardCharsets.ISO_8859_1));
            out.write("{\"merchant\":\"TESTAB2894354\",\"result\":\"SUCC".getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
    }

    private static String head(int status, String contentType, Map<String, String> headers, int length) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Stub\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n").toString();
    }

    // ---- the server

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread handler = new Thread(() -> handle(socket), "stub-upstream-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException stopped) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            Received request = read(socket.getInputStream());
            if (request == null) {
                return;
            }
            received.add(request);
            behaviour.apply(request).perform(socket, socket.getOutputStream(), closed);
        } catch (IOException | InterruptedException e) {
            // the adapter hung up, or the stub is closing: nothing to answer
        } finally {
            open.remove(socket);
        }
    }

    private static Received read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Received(requestLine[0], requestLine[1], headers, in.readNBytes(length));
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
