package io.paymentsession.adapter.idempotency;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A kept reply lasts adapter.idempotency.ttl-seconds; a claim whose request has not finished lapses after the lease. */
class IdempotencyExpiryTest {

    private static final String BODY = "{\"merchantId\":\"REST01\",\"correlationId\":\"order-42\"}";
    private static StubUpstream providers;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        providers = StubUpstream.start(StubProviders.success());
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(providers.url(), 5_000));
        config.put("adapter.idempotency.ttl-seconds", "2");
        config.put("adapter.idempotency.lease-seconds", "1");
        adapter = RunningAdapter.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        providers.close();
    }

    @BeforeEach
    void reset() {
        providers.behave(StubProviders.success());
        providers.clear();
    }

    private static HttpRequest.Builder create(String key) {
        return HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
    }

    private static boolean replayed(HttpResponse<String> response) {
        return response.headers().firstValue("Idempotent-Replayed").isPresent();
    }

    @Test
    void aKeptReplyIsForgottenAfterTheTtl() throws Exception {
        String key = "ttl-" + UUID.randomUUID();
        HttpResponse<String> first = adapter.send(create(key));
        assertEquals(201, first.statusCode(), first.body());
        assertTrue(replayed(adapter.send(create(key))), "kept within the ttl");
        Thread.sleep(2_300);
        HttpResponse<String> later = adapter.send(create(key));
        assertEquals(201, later.statusCode(), later.body());
        assertFalse(replayed(later), "processed anew once the ttl passed");
        assertEquals(2, providers.received().size());
    }

    @Test
    void aClaimLapsesAfterItsLeaseAndTheLateReplyIsNotKept() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // the first request outlives its 1 s lease; the next ones are answered at once
        providers.behave(request -> calls.incrementAndGet() == 1
                ? StubUpstream.after(2_000, StubProviders.success().apply(request))
                : StubProviders.success().apply(request));
        String key = "lease-" + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> send(create(key)));
        long claimed = awaitFirstUpstreamRequest();
        assertEquals(409, adapter.send(create(key)).statusCode(), "held while the lease runs");
        Thread.sleep(Math.max(0, claimed + 1_200 - System.currentTimeMillis()));
        HttpResponse<String> second = adapter.send(create(key));
        assertEquals(201, second.statusCode(), second.body());
        assertFalse(replayed(second), "the lapsed claim no longer holds the key");
        HttpResponse<String> late = first.get();
        assertEquals(201, late.statusCode(), late.body());
        HttpResponse<String> third = adapter.send(create(key));
        assertTrue(replayed(third));
        assertEquals(second.body(), third.body(), "the reply kept is the one of the request that held the key");
        assertNotEquals(null, text(json(third.body()), "session.id"));
        assertEquals(2, providers.received().size());
    }

    /** When the first request reached the stub (its claim was made just before). */
    private static long awaitFirstUpstreamRequest() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (providers.received().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the first request never reached the stub");
            }
            Thread.sleep(5);
        }
        return System.currentTimeMillis();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return adapter.send(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
