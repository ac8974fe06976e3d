package io.paymentsession.adapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Session;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    private static final Pattern MPGS_SESSION_ID = Pattern.compile("^SESSION\\d{13}[A-Z]\\d{7,8}[A-Z]\\d{1,2}$");
    private static final Instant NOW = Instant.parse("2026-11-21T20:00:00Z");

    /** Drives Caffeine's expiry and the reported expiresAt together. */
    private final AtomicLong nanos = new AtomicLong();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private SessionStore store(int maxSessions) {
        return new SessionStore(maxSessions, nanos::get, clock);
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
        SessionStore store = store(10);
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
        SessionStore store = store(10);
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
        SessionStore store = store(3);
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
        SessionStore store = store(2);
        store.create(request("M1", null, BigDecimal.ONE));
        store.create(request("M2", null, BigDecimal.ONE));
        advance(Duration.ofMinutes(2));
        String a = store.create(request("M3", null, null)).session().id();
        String b = store.create(request("M4", null, null)).session().id();
        assertTrue(store.find(a).isPresent());
        assertTrue(store.find(b).isPresent());
    }

    @Test
    void thirtyTwoThreadsCreatingAThousandSessionsEach() throws Exception {
        SessionStore store = new SessionStore(100_000);
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
