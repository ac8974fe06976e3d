package io.paymentsession.adapter.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exits the process (status 3, as {@code -XX:+ExitOnOutOfMemoryError} does) on an OutOfMemoryError, however
 * the JVM was started: after one, any thread (the HTTP acceptor, a worker) may have died and the adapter
 * may answer nothing, not even health checks or SIGTERM. A restart is the only safe way on.
 */
public final class OutOfMemoryExit {

    static final int EXIT_STATUS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryExit.class);

    private OutOfMemoryExit() {
    }

    /** Catches the errors that end a thread; frameworks that catch them first call {@link #onFailure}. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            onFailure(failure);
            LOG.error("Uncaught failure in thread {}", thread.getName(), failure);
        });
    }

    /** Halts the JVM if {@code failure} is, or was caused by, an OutOfMemoryError; else returns. */
    public static void onFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                try {
                    System.err.println("Payment Session Adapter stops: out of memory (Java heap); see README, Memory");
                } finally {
                    // halt, not exit: shutdown hooks need memory and threads that may be gone
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
            }
        }
    }
}
