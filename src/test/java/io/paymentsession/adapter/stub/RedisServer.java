package io.paymentsession.adapter.stub;

import io.paymentsession.adapter.RunningAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (from the PATH) of a test's own, on a free port of 127.0.0.1, nothing saved to disk;
 * never the one on 6379. It can be stopped and started again on the same port, as an outage and its end.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final String password;
    private final Path log;
    private Process process;

    private RedisServer(int port, String password) throws IOException {
        this.port = port;
        this.password = password;
        this.log = Files.createTempFile("redis-server-", ".log");
    }

    public static RedisServer start() throws Exception {
        return start(null);
    }

    /** @param password the server's {@code requirepass}, or null for none */
    public static RedisServer start(String password) throws Exception {
        RedisServer server = new RedisServer(RunningAdapter.freePort(), password);
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    /** The adapter's adapter.store.redis.url for this server (the password, if any, as user info). */
    public String url() {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port and waits until it answers. */
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start on port " + port + ": "
                            + Files.readString(log), notYet);
                }
            }
            Thread.sleep(20);
        }
    }

    /** Stops the server and waits until it is gone: its port refuses connections. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * One command, its reply read as text: a simple string or error, an integer, a bulk string (null for nil).
     * Arrays are not read: tests need none.
     */
    public String command(String... args) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password != null) {
                out.write(resp("AUTH", password));
                readReply(in);
            }
            out.write(resp(args));
            out.flush();
            return readReply(in);
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        switch (line.charAt(0)) {
            case '+', ':', '-':
                return line.substring(1);
            case '$':
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    return null;
                }
                byte[] bulk = in.readNBytes(length + 2);
                return new String(bulk, 0, length, StandardCharsets.UTF_8);
            default:
                throw new IOException("unexpected reply: " + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        stop();
        Files.deleteIfExists(log);
    }
}
