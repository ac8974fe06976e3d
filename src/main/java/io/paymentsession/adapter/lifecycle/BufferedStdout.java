package io.paymentsession.adapter.lifecycle;

import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;

/**
 * The adapter's stdout (its log, the access log above all) goes out in blocks: through a 64 KB buffer written
 * when full, every {@link #FLUSH_INTERVAL_MS} ms, and at exit, as nginx's {@code access_log ... buffer= flush=}
 * does. A write to stdout per access line cost about 4 µs of the local path's 39 µs a request (Log4j's console
 * appender flushes every line, whatever its immediateFlush says). Only the adapter's own main installs it; a halt (out of memory)
 * may lose the last interval's lines.
 */
public final class BufferedStdout {

    /** At most this long between a line being logged and its reaching stdout. */
    public static final long FLUSH_INTERVAL_MS = 100;
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Written out by the timer and at exit only: its flush() ignores the console appenders' flush after each line. */
    private static final Blocks STDOUT = new Blocks();

    private BufferedStdout() {
    }

    private static final class Blocks extends BufferedOutputStream {

        Blocks() {
            super(new FileOutputStream(FileDescriptor.out), BUFFER_BYTES);
        }

        @Override
        public void flush() {
        }

        void writeOut() {
            try {
                super.flush();
            } catch (IOException e) {
                // stdout is gone (its reader closed it): nothing left to tell, and nowhere to tell it
            }
        }
    }

    /**
     * Replaces System.out, which the console appenders follow (log4j2.properties), and, since the buffer must be
     * written after Log4j's last line, stops Log4j itself at exit (log4j2.component.properties turns its own
     * shutdown hook off).
     */
    public static void install() {
        System.setOut(new PrintStream(STDOUT, false, StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LogManager.shutdown();
            writeOut();
        }, "stdout-write-out"));
    }

    /** Writes stdout's buffer out every {@link #FLUSH_INTERVAL_MS} ms on a timer of vertx, until it closes. */
    public static void flushEvery(Vertx vertx) {
        vertx.setPeriodic(FLUSH_INTERVAL_MS, id -> writeOut());
    }

    /** Writes out what stdout's buffer holds (nothing when another stream is System.out: tests, another main). */
    public static void writeOut() {
        STDOUT.writeOut();
    }
}
