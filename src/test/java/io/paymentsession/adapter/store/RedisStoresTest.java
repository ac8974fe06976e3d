package io.paymentsession.adapter.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.PaymentProductFilters;
import io.paymentsession.adapter.canonical.ProductFilter;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.idempotency.Claim;
import io.paymentsession.adapter.idempotency.ClaimResult;
import io.paymentsession.adapter.idempotency.IdempotencyKey;
import io.paymentsession.adapter.idempotency.KeptReply;
import io.paymentsession.adapter.idempotency.RedisIdempotencyStore;
import io.paymentsession.adapter.stub.RedisServer;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis session and key stores on a real redis-server of the test's own. */
class RedisStoresTest {

    private static RedisServer server;
    private static Vertx vertx;
    private static RedisStore redis;

    @BeforeAll
    static void start() throws Exception {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        redis = new RedisStore(vertx, server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.close();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static CreateSessionRequest request(BigDecimal expiresInMinutes) {
        return new CreateSessionRequest("M1", "order-1", 25, "TICKET_SALES", expiresInMinutes, List.of("tok-1", "tok-2"),
                new PaymentProductFilters(new ProductFilter(List.of("cards"), List.of(1, 3)), null));
    }

    @Test
    void aSessionIsReadBackWithItsRequestByAnyStoreOnTheSameRedis() throws Exception {
        Session session = await(new RedisSessionStore(redis).create(request(new BigDecimal("30")))).session();
        try (RedisStore another = new RedisStore(vertx, server.url())) {
            StoredSession found = await(new RedisSessionStore(another).find(session.id())).orElseThrow();
            assertEquals(session, found.session());
            assertEquals(request(new BigDecimal("30")), found.request());
        }
        assertTrue(await(new RedisSessionStore(redis).find("SESSION0000000000000A00000000A0")).isEmpty());
    }

    @Test
    void redisExpiresASessionAtExactlyItsTimeToLive() throws Exception {
        Session thirty = await(new RedisSessionStore(redis).create(request(new BigDecimal("30")))).session();
        long pttl = Long.parseLong(server.command("PTTL", RedisSessionStore.KEY_PREFIX + thirty.id()));
        assertTrue(pttl > 30 * 60_000 - 2_000 && pttl <= 30 * 60_000, "PX 30 minutes: " + pttl);

        Session brief = await(new RedisSessionStore(redis).create(request(new BigDecimal("0.01")))).session(); // 600 ms
        assertTrue(await(new RedisSessionStore(redis).find(brief.id())).isPresent());
        Thread.sleep(700);
        assertTrue(await(new RedisSessionStore(redis).find(brief.id())).isEmpty(), "expired after 600 ms");
    }

    @Test
    void ofSixtyFourConcurrentClaimsExactlyOneHoldsTheKey() throws Exception {
        RedisIdempotencyStore store = new RedisIdempotencyStore(redis);
        IdempotencyKey key = new IdempotencyKey("M1", "concurrent-" + System.nanoTime());
        List<CompletableFuture<ClaimResult>> claims = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            claims.add(CompletableFuture.supplyAsync(() -> store.claim(key, "fp", Duration.ofSeconds(20)))
                    .thenCompose(stage -> stage));
        }
        List<ClaimResult> results = new ArrayList<>();
        for (CompletableFuture<ClaimResult> claim : claims) {
            results.add(claim.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, results.stream().filter(ClaimResult.Claimed.class::isInstance).count(), results.toString());
        assertEquals(63, results.stream().filter(ClaimResult.InProgress.class::isInstance).count(), results.toString());
    }

    @Test
    void aKeptReplyIsReplayedByteForByteAndAnotherRequestIsRefused() throws Exception {
        RedisIdempotencyStore store = new RedisIdempotencyStore(redis);
        IdempotencyKey key = new IdempotencyKey("M1", "kept-" + System.nanoTime());
        Claim claim = ((ClaimResult.Claimed) await(store.claim(key, "fp", Duration.ofSeconds(20)))).claim();
        byte[] body = "{\"result\":\"ERROR\",\"explanation\":\"Ünïcode and spaces\"}".getBytes(StandardCharsets.UTF_8);
        await(store.keep(claim, new KeptReply(403, null, body, Cause.REQUEST_REJECTED), Duration.ofSeconds(60)));
        long pttl = Long.parseLong(server.command("PTTL", "psa:idempotency:M1:" + key.key()));
        assertTrue(pttl > 58_000 && pttl <= 60_000, "kept for the ttl: " + pttl);

        KeptReply replayed = ((ClaimResult.Replay) await(store.claim(key, "fp", Duration.ofSeconds(20)))).reply();
        assertEquals(403, replayed.status());
        assertNull(replayed.retryAfter());
        assertEquals(Cause.REQUEST_REJECTED, replayed.cause());
        assertArrayEquals(body, replayed.body());
        assertInstanceOf(ClaimResult.OtherRequest.class, await(store.claim(key, "another", Duration.ofSeconds(20))));
    }

    @Test
    void aReleasedKeyIsFreeAndALapsedClaimCanNeitherKeepNorRelease() throws Exception {
        RedisIdempotencyStore store = new RedisIdempotencyStore(redis);
        IdempotencyKey key = new IdempotencyKey("M1", "lease-" + System.nanoTime());
        Claim first = ((ClaimResult.Claimed) await(store.claim(key, "fp", Duration.ofSeconds(20)))).claim();
        await(store.release(first));
        Claim second = ((ClaimResult.Claimed) await(store.claim(key, "fp", Duration.ofMillis(200)))).claim();
        Thread.sleep(300); // the lease lapses
        Claim third = ((ClaimResult.Claimed) await(store.claim(key, "fp", Duration.ofSeconds(20)))).claim();
        byte[] late = "late".getBytes(StandardCharsets.UTF_8);
        await(store.keep(second, new KeptReply(201, null, late, null), Duration.ofSeconds(60)));
        await(store.release(second));
        assertInstanceOf(ClaimResult.InProgress.class, await(store.claim(key, "fp", Duration.ofSeconds(20))),
                "the third claim still holds the key");
        await(store.keep(third, new KeptReply(201, "5", "mine".getBytes(StandardCharsets.UTF_8), null), Duration.ofSeconds(60)));
        KeptReply replayed = ((ClaimResult.Replay) await(store.claim(key, "fp", Duration.ofSeconds(20)))).reply();
        assertEquals("mine", new String(replayed.body(), StandardCharsets.UTF_8));
        assertEquals("5", replayed.retryAfter());
    }

    /** Stopped: every command fails at once as the canonical 503; started again: the same client works, no restart. */
    @Test
    void redisStoppedAndStartedAgainMidTest() throws Exception {
        try (RedisServer own = RedisServer.start(); RedisStore client = new RedisStore(vertx, own.url())) {
            RedisSessionStore sessions = new RedisSessionStore(client);
            RedisIdempotencyStore keys = new RedisIdempotencyStore(client);
            Session before = await(sessions.create(request(null))).session();
            awaitState(client, RedisStore.State.UP);

            own.stop();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertUnavailable(sessions.create(request(null)));
                assertUnavailable(sessions.find(before.id()));
                assertUnavailable(keys.claim(new IdempotencyKey("M1", "k"), "fp", Duration.ofSeconds(5)));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertTrue(tookMs < RedisStore.COMMAND_TIMEOUT_MS, "at once, not after a hang: " + tookMs + " ms");
            }
            awaitState(client, RedisStore.State.DOWN);

            own.restart();
            awaitState(client, RedisStore.State.UP);
            Session after = await(sessions.create(request(null))).session();
            assertTrue(await(sessions.find(after.id())).isPresent());
            assertInstanceOf(ClaimResult.Claimed.class, await(keys.claim(new IdempotencyKey("M1", "k"), "fp", Duration.ofSeconds(5))));
        }
    }

    static void awaitState(RedisStore client, RedisStore.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(state, client.state());
    }

    private static void assertUnavailable(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            CanonicalException refusal = assertInstanceOf(CanonicalException.class, cause);
            assertEquals(Cause.UPSTREAM_UNAVAILABLE, refusal.error().cause());
            assertEquals(ErrorSource.ADAPTER, refusal.error().source());
            assertEquals(503, refusal.httpStatus());
            return;
        }
        throw new AssertionError("the store answered while Redis was stopped");
    }
}
