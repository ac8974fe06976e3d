package io.paymentsession.adapter.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exits the process (status 3, as {@code -XX:+ExitOnOutOfMemoryError} does) on an OutOfMemoryError, however
 * the JVM was started: after one, any thread (the HTTP acceptor, a worker) may have died and the adapter
 * may answer nothing, not even health checks or SIGTERM. A restart is the only safe way on.
 *
 * <p>Each framework catches a failure in its own place, so each gets a hook: threads that die (the default
 * uncaught-exception handler), Vert.x handlers ({@code Vertx.exceptionHandler}), router handlers (the API's
 * failure handler) and Camel routes (a failed exchange, below).
 */
public final class OutOfMemoryExit {

    static final int EXIT_STATUS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryExit.class);
    /** Encoded in advance: there may be no memory left to encode it when it is needed. */
    private static final AtomicBoolean HALTING = new AtomicBoolean();
    private static final byte[] MESSAGE = "Payment Session Adapter stops: out of memory (see README, Memory)\n"
            .getBytes(StandardCharsets.UTF_8);

    private OutOfMemoryExit() {
    }

    public static void installForThreads() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            onFailure(failure);
            LOG.error("Uncaught failure in thread {}", thread.getName(), failure);
        });
    }

    /** Camel answers a route's Error as a failed exchange and runs on. */
    public static void installForRoutes(CamelContext context) throws Exception {
        SimpleEventNotifierSupport failedExchanges = new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof ExchangeFailedEvent failed) {
                    onFailure(failed.getExchange().getException());
                }
            }
        };
        // only failures: no event objects for every exchange created, sent or completed
        failedExchanges.setIgnoreExchangeCreatedEvent(true);
        failedExchanges.setIgnoreExchangeCompletedEvent(true);
        failedExchanges.setIgnoreExchangeSendingEvents(true);
        failedExchanges.setIgnoreExchangeSentEvents(true);
        failedExchanges.setIgnoreExchangeRedeliveryEvents(true);
        failedExchanges.setIgnoreExchangeAsyncProcessingStartedEvents(true);
        failedExchanges.setIgnoreCamelContextEvents(true);
        failedExchanges.setIgnoreRouteEvents(true);
        failedExchanges.setIgnoreServiceEvents(true);
        failedExchanges.setIgnoreStepEvents(true);
        context.getManagementStrategy().addEventNotifier(failedExchanges);
    }

    /** Halts the JVM if {@code failure} is, or was caused by, an OutOfMemoryError; else returns. */
    public static void onFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                try {
                    if (HALTING.compareAndSet(false, true)) {
                        BufferedStdout.writeOut(); // the log's last lines, before the reason
                        System.err.write(MESSAGE);
                        System.err.flush();
                    }
                } catch (IOException | RuntimeException ignored) {
                    // halting matters more than the message
                } finally {
                    // halt, not exit: shutdown hooks need memory and threads that may be gone
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
            }
        }
    }
}
