package io.paymentsession.adapter.store;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store's one Redis client, on the adapter's Vert.x: its pool and its reconnection are Vert.x's (a pooled
 * connection that broke is dropped, the next command opens a new one). Every command answers within
 * {@link #COMMAND_TIMEOUT_MS} or fails with {@link StoreUnavailable#error()}; none blocks a thread.
 *
 * <p>A PING every {@link #PING_INTERVAL_MS} tells whether Redis is reachable: readiness reads it (observe/StoreHealth),
 * and while the last PING failed every command fails at once, so a Redis that drops packets never holds a request
 * for the whole timeout. The URL (it may hold a password) is never logged: only its host and port are.
 */
public final class RedisStore implements AutoCloseable {

    /** Longest a command (connecting included) may take before its request is refused. */
    public static final int COMMAND_TIMEOUT_MS = 1_000;
    public static final int PING_INTERVAL_MS = 1_000;
    /** Connections per instance, and commands that may wait for one; one more is refused at once. */
    static final int POOL_SIZE = 32;
    static final int POOL_WAITING = 1_024;

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

    /** What the last PING found; UNKNOWN until the first one answers. */
    public enum State { UNKNOWN, UP, DOWN }

    private final Vertx vertx;
    private final Redis client;
    private final String address;
    private final long pinger;
    private final AtomicBoolean pinging = new AtomicBoolean();
    private volatile State state = State.UNKNOWN;

    public RedisStore(Vertx vertx, String url) {
        this.vertx = vertx;
        URI uri = URI.create(url);
        this.address = uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        RedisOptions options = new RedisOptions()
                .setConnectionString(url)
                .setMaxPoolSize(POOL_SIZE)
                .setMaxPoolWaiting(POOL_WAITING);
        options.getNetClientOptions().setConnectTimeout(COMMAND_TIMEOUT_MS);
        this.client = Redis.createClient(vertx, options);
        ping();
        this.pinger = vertx.setPeriodic(PING_INTERVAL_MS, id -> ping());
    }

    public State state() {
        return state;
    }

    /** Host and port, never the URL's user or password. */
    public String address() {
        return address;
    }

    /** The command's reply (null for Redis's nil), or {@link StoreUnavailable#error()} if Redis does not answer in time. */
    public CompletionStage<Response> send(Request request) {
        if (state == State.DOWN) {
            return CompletableFuture.failedFuture(StoreUnavailable.error());
        }
        return sendTimed(request);
    }

    private CompletableFuture<Response> sendTimed(Request request) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        long timer = vertx.setTimer(COMMAND_TIMEOUT_MS, id -> answer.completeExceptionally(StoreUnavailable.error()));
        client.send(request).onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                answer.complete(result.result());
            } else {
                LOG.debug("Redis at {}: a command failed: {}", address, result.cause().toString());
                answer.completeExceptionally(StoreUnavailable.error());
            }
        });
        return answer;
    }

    private void ping() {
        if (!pinging.compareAndSet(false, true)) {
            return; // the last one has not answered yet
        }
        sendTimed(Request.cmd(Command.PING)).whenComplete((pong, failure) -> {
            pinging.set(false);
            State now = failure == null ? State.UP : State.DOWN;
            State before = state;
            state = now;
            if (now == State.DOWN && before != State.DOWN) {
                LOG.warn("The shared store (Redis at {}) is unreachable: local sessions and Idempotency-Key requests are "
                        + "refused (503) and readiness is DOWN until it answers again", address);
            } else if (now == State.UP && before == State.DOWN) {
                LOG.info("The shared store (Redis at {}) answers again", address);
            }
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(pinger);
        client.close();
    }
}
