package io.paymentsession.adapter.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Duration TTL = Duration.ofSeconds(86_400);
    private static final IdempotencyKey KEY = new IdempotencyKey("M1", "k1");
    private static final KeptReply REPLY = new KeptReply(201, null, "{}".getBytes(StandardCharsets.UTF_8), null);

    private final AtomicLong nanos = new AtomicLong();
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(1_000, nanos::get);

    private ClaimResult claim(IdempotencyKey key, String fingerprint) {
        return store.claim(key, fingerprint, LEASE).toCompletableFuture().join();
    }

    private Claim claimed(IdempotencyKey key, String fingerprint) {
        return assertInstanceOf(ClaimResult.Claimed.class, claim(key, fingerprint)).claim();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aHeldKeyIsInProgressForTheSameRequestAndRefusedForAnother() {
        claimed(KEY, "f1");
        assertEquals(ClaimResult.IN_PROGRESS, claim(KEY, "f1"));
        assertEquals(ClaimResult.OTHER_REQUEST, claim(KEY, "f2"));
        claimed(new IdempotencyKey("M2", "k1"), "f2");
    }

    @Test
    void aKeptReplyIsReplayedUntilItsTtl() {
        store.keep(claimed(KEY, "f1"), REPLY, TTL).toCompletableFuture().join();
        advance(TTL.minusSeconds(1));
        ClaimResult.Replay replay = assertInstanceOf(ClaimResult.Replay.class, claim(KEY, "f1"));
        assertArrayEquals(REPLY.body(), replay.reply().body());
        assertEquals(ClaimResult.OTHER_REQUEST, claim(KEY, "f2"));
        advance(Duration.ofSeconds(2));
        claimed(KEY, "f2");
    }

    @Test
    void aHoldLapsesAfterItsLeaseAndItsLateCompletionChangesNothing() {
        Claim lapsed = claimed(KEY, "f1");
        advance(LEASE.plusMillis(1));
        Claim current = claimed(KEY, "f1");
        store.keep(lapsed, REPLY, TTL).toCompletableFuture().join();
        store.release(lapsed).toCompletableFuture().join();
        assertEquals(ClaimResult.IN_PROGRESS, claim(KEY, "f1"), "the new hold stands");
        store.release(current).toCompletableFuture().join();
        claimed(KEY, "f1");
    }

    @Test
    void aReleasedKeyIsFree() {
        store.release(claimed(KEY, "f1")).toCompletableFuture().join();
        claimed(KEY, "f2");
    }

    @Test
    void holdsAtMostMaxKeys() {
        InMemoryIdempotencyStore small = new InMemoryIdempotencyStore(100, nanos::get);
        for (int i = 0; i < 1_000; i++) {
            small.claim(new IdempotencyKey("M", "k" + i), "f", LEASE).toCompletableFuture().join();
        }
        assertTrue(small.size() <= 100, "held " + small.size());
    }

    @Test
    void theFingerprintIgnoresHowTheRequestWasWrittenButNotWhatItSays() {
        CreateSessionRequest request = new CreateSessionRequest("M1", "c1", 5, "LOB", new BigDecimal("30"), List.of("t"), null);
        CreateSessionRequest sameValue = new CreateSessionRequest("M1", "c1", 5, "LOB", new BigDecimal("30.0"), List.of("t"), null);
        assertEquals(RequestFingerprint.of(request), RequestFingerprint.of(sameValue));
        for (CreateSessionRequest other : List.of(
                new CreateSessionRequest("M1", "c2", 5, "LOB", new BigDecimal("30"), List.of("t"), null),
                new CreateSessionRequest("M1", "c1", 6, "LOB", new BigDecimal("30"), List.of("t"), null),
                new CreateSessionRequest("M1", "c1", 5, "LOB", new BigDecimal("30"), List.of("t", "u"), null),
                new CreateSessionRequest("M1", "c1", 5, null, new BigDecimal("30"), List.of("t"), null))) {
            assertTrue(!RequestFingerprint.of(request).equals(RequestFingerprint.of(other)), other.toString());
        }
    }
}
