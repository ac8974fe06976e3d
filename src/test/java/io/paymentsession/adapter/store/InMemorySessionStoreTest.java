package io.paymentsession.adapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.PaymentProductFilters;
import io.paymentsession.adapter.canonical.ProductFilter;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.canonical.SessionCreated;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {

    private static final Pattern MPGS_SESSION_ID = Pattern.compile("^SESSION\\d{13}[A-Z]\\d{7,8}[A-Z]\\d{1,2}$");
    private static final Instant NOW = Instant.parse("2026-11-21T20:00:00Z");

    /** Drives Caffeine's expiry and the reported expiresAt together. */
    private final AtomicLong nanos = new AtomicLong();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private Sync store(int maxSessions) {
        return new Sync(new InMemorySessionStore(maxSessions, Long.MAX_VALUE, nanos::get, clock));
    }

    /** The in-memory store answers with completed stages: read here at once. */
    private record Sync(InMemorySessionStore store) {
        SessionCreated create(CreateSessionRequest request) {
            CompletableFuture<SessionCreated> created = store.create(request).toCompletableFuture();
            assertTrue(created.isDone(), "the in-memory store answers at once");
            return created.join();
        }

        Optional<StoredSession> find(String id) {
            return store.find(id).toCompletableFuture().join();
        }

        long bytesHeld() {
            return store.bytesHeld();
        }
    }

    private static CreateSessionRequest request(String merchantId, Integer authenticationLimit, BigDecimal expiresInMinutes) {
        return new CreateSessionRequest(merchantId, "corr-1", authenticationLimit, "TICKET_SALES", expiresInMinutes,
                List.of("tok"), null);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void createsSessionsInTheMpgsShape() {
        Session session = store(10).create(request("M1", 25, null)).session();
        assertTrue(MPGS_SESSION_ID.matcher(session.id()).matches(), session.id());
        assertTrue(session.id().length() >= 31 && session.id().length() <= 35, session.id());
        assertTrue(session.version().matches("[0-9a-f]{10}"), session.version());
        assertEquals(32, Base64.getDecoder().decode(session.aes256Key()).length);
        assertEquals("NO_UPDATE", session.updateStatus());
        assertEquals(25, session.authenticationLimit());
    }

    @Test
    void defaultsToFiveAuthenticationsAndFifteenMinutes() {
        Session session = store(10).create(request("M1", null, null)).session();
        assertEquals(5, session.authenticationLimit());
        assertEquals(NOW.plus(Duration.ofMinutes(15)).toString(), session.expiresAt());
    }

    @Test
    void storesTheRequestWithTheSession() {
        Sync store = store(10);
        CreateSessionRequest request = request("M1", 3, new BigDecimal("2.5"));
        Session session = store.create(request).session();
        StoredSession stored = store.find(session.id()).orElseThrow();
        assertEquals(session, stored.session());
        assertEquals(request, stored.request());
        assertEquals("2026-11-21T20:02:30Z", session.expiresAt());
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertTrue(store(10).find("SESSION0000000000000A00000000A0").isEmpty());
        assertTrue(store(10).find(null).isEmpty());
    }

    @Test
    void expiresEachSessionAfterItsOwnTimeToLive() {
        Sync store = store(10);
        String oneMinute = store.create(request("M1", null, BigDecimal.ONE)).session().id();
        String byDefault = store.create(request("M1", null, null)).session().id();

        advance(Duration.ofSeconds(59));
        assertTrue(store.find(oneMinute).isPresent(), "still alive just before its minute is up");
        advance(Duration.ofSeconds(1));
        assertTrue(store.find(oneMinute).isEmpty(), "gone after one minute");
        assertTrue(store.find(byDefault).isPresent());
        advance(Duration.ofMinutes(14));
        assertTrue(store.find(byDefault).isEmpty(), "gone after the default 15 minutes");
    }

    @Test
    void evictsTheOldestSessionFirstAtTheBound() {
        Sync store = store(3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.create(request("M" + i, null, null)).session().id());
            // reading the oldest ones must not save them: the bound is by age, not by use
            store.find(ids.get(0));
        }
        assertTrue(store.find(ids.get(0)).isEmpty(), "oldest evicted");
        assertTrue(store.find(ids.get(1)).isEmpty(), "second oldest evicted");
        for (String id : ids.subList(2, 5)) {
            assertTrue(store.find(id).isPresent(), "the three newest stay: " + id);
        }
    }

    @Test
    void aFullStoreOfExpiredSessionsMakesRoomForNewOnes() {
        Sync store = store(2);
        store.create(request("M1", null, BigDecimal.ONE));
        store.create(request("M2", null, BigDecimal.ONE));
        advance(Duration.ofMinutes(2));
        String a = store.create(request("M3", null, null)).session().id();
        String b = store.create(request("M4", null, null)).session().id();
        assertTrue(store.find(a).isPresent());
        assertTrue(store.find(b).isPresent());
    }

    /** About the largest valid request: 100 tokens of 255 characters, 100 groups of 100 and 100 products a side. */
    private static CreateSessionRequest largestRequest(String merchantId, char filler) {
        List<String> tokens = IntStream.range(0, 100).mapToObj(i -> i + String.valueOf(filler).repeat(250)).toList();
        List<String> groups = IntStream.range(0, 100).mapToObj(i -> i + String.valueOf(filler).repeat(97)).toList();
        List<Integer> products = IntStream.range(0, 100).map(i -> 1_000_000 + i).boxed().toList();
        ProductFilter side = new ProductFilter(groups, products);
        return new CreateSessionRequest(merchantId, "corr-1", null, null, null, tokens, new PaymentProductFilters(side, side));
    }

    @Test
    void neverHoldsMoreThanItsByteBoundAndEvictsTheOldestFirst() {
        long maxBytes = 1024 * 1024;
        Sync store = new Sync(new InMemorySessionStore(100_000, maxBytes, nanos::get, clock));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(store.create(largestRequest("M" + i, 't')).session().id());
            assertTrue(store.bytesHeld() <= maxBytes, "holds " + store.bytesHeld() + " bytes after " + (i + 1) + " sessions");
        }
        long kept = ids.stream().filter(id -> store.find(id).isPresent()).count();
        long eachBytes = SessionSizes.of(store.find(ids.get(99)).orElseThrow());
        assertEquals(maxBytes / eachBytes, kept, "as many sessions as fit, no fewer: each is " + eachBytes + " bytes");
        for (int i = 0; i < 100; i++) {
            assertEquals(i >= 100 - kept, store.find(ids.get(i)).isPresent(), "the newest are kept, the oldest evicted: " + i);
        }
    }

    @Test
    void estimatesAtLeastTheTextAndTheObjectsASessionHolds() {
        long text = 100 * 251 + 200 * 98; // Latin-1 text: one byte a character
        long objects = 300 * (24 + 16) + 200 * 16; // a String and its array per string, an Integer per product
        long ascii = SessionSizes.of(stored(largestRequest("M1", 't')));
        assertTrue(ascii >= text + objects, "at least " + (text + objects) + ": " + ascii);
        assertTrue(ascii < 1.25 * (text + objects), "and not wildly more: " + ascii);
        long chinese = SessionSizes.of(stored(largestRequest("M1", '\u4e2d')));
        assertTrue(chinese >= 2 * text + objects, "two bytes a character beyond Latin-1: " + chinese);
    }

    private static StoredSession stored(CreateSessionRequest request) {
        return new StoredSession(new Session("SESSION0000000000000A00000000A0", "NO_UPDATE", "0123456789", 5,
                "a".repeat(44), NOW.toString()), request, Duration.ofMinutes(15));
    }

    @Test
    void thirtyTwoThreadsCreatingAThousandSessionsEach() throws Exception {
        Sync store = new Sync(new InMemorySessionStore(100_000, Long.MAX_VALUE));
        int threads = 32;
        int perThread = 1_000;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String merchantId = "M" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        ids.add(store.create(request(merchantId, null, null)).session().id());
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, ids.size(), "every id unique");
        for (String id : ids) {
            assertTrue(store.find(id).isPresent(), "retrievable: " + id);
        }
    }
}
