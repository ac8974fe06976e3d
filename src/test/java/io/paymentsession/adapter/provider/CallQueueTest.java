package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.assertError;
import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Action;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Above max-concurrent-calls a call waits in a bounded queue for at most queue-wait-ms; only then (or when the
 * queue is full) is it refused, by the adapter, and such refusals never count against the provider's breaker.
 * Through the real adapter against stub providers on real sockets.
 */
class CallQueueTest {

    private static Map<String, String> config(String url, Map<String, String> mpgsRest) {
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(url, 1_500));
        mpgsRest.forEach((key, value) -> config.put("adapter.providers.mpgs-rest." + key, value));
        return config;
    }

    private static void awaitReceived(StubUpstream stub, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stub.received().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, stub.received().size(), "calls at the provider");
    }

    private static JsonNode assertBusy(HttpResponse<String> reply) {
        JsonNode refusal = assertError(reply, 503, "SERVER_BUSY", "ADAPTER", "NOT_CREATED");
        assertEquals("1", reply.headers().firstValue("Retry-After").orElse(null));
        return refusal;
    }

    @Test
    void queuedCallsAreServedInTurnOnceASlotFrees() throws Exception {
        AtomicInteger atTheProvider = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // the count drops before the reply leaves, so the next call can only arrive after it
        Function<Received, Action> slow = StubProviders.checkingCredentials(request -> (socket, out, closed) -> {
            mostAtOnce.accumulateAndGet(atTheProvider.incrementAndGet(), Math::max);
            Thread.sleep(300);
            atTheProvider.decrementAndGet();
            StubProviders.validReply(request, "application/json").perform(socket, out, closed);
        });
        try (StubUpstream providers = StubUpstream.start(slow);
             RunningAdapter adapter = RunningAdapter.start(config(providers.url(),
                     Map.of("max-concurrent-calls", "1", "queue-wait-ms", "10000")));
             Callers callers = new Callers()) {
            long started = System.nanoTime();
            List<HttpResponse<String>> replies = callers.postAll(adapter, "REST01", 4);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            for (HttpResponse<String> reply : replies) {
                assertEquals(201, reply.statusCode(), reply.body());
            }
            assertEquals(4, providers.received().size());
            assertEquals(1, mostAtOnce.get(), "one call at a time reached the provider");
            assertTrue(elapsedMs >= 4 * 300, "four calls of 300 ms one after the other took " + elapsedMs + " ms");
        }
    }

    @Test
    void aCallWaitsQueueWaitMsThenIsRefusedWithNothingSent() throws Exception {
        try (StubUpstream providers = StubUpstream.start(r -> StubUpstream.neverAnswer());
             RunningAdapter adapter = RunningAdapter.start(config(providers.url(),
                     Map.of("max-concurrent-calls", "1", "queue-wait-ms", "500")));
             Callers callers = new Callers()) {
            CompletableFuture<HttpResponse<String>> hung = callers.post(adapter, "REST01");
            awaitReceived(providers, 1);

            long started = System.nanoTime();
            HttpResponse<String> refused = adapter.postJson(Callers.request("REST01"));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            JsonNode refusal = assertBusy(refused);
            assertTrue(text(refusal, "error.explanation").contains("nothing was sent"), refused.body());
            assertTrue(elapsedMs >= 500, "refused after " + elapsedMs + " ms, before its wait was over");
            assertTrue(!hung.isDone(), "refused by its own wait, not after the hung call (response timeout 1500 ms)");
            assertEquals(1, providers.received().size(), "nothing more reached the provider");
            assertError(hung.get(10, TimeUnit.SECONDS), 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
        }
    }

    @Test
    void aCallThatFindsTheQueueFullIsRefusedAtOnce() throws Exception {
        try (StubUpstream providers = StubUpstream.start(r -> StubUpstream.neverAnswer());
             RunningAdapter adapter = RunningAdapter.start(config(providers.url(),
                     Map.of("max-concurrent-calls", "1", "max-queued-calls", "1", "queue-wait-ms", "20000")));
             Callers callers = new Callers()) {
            CompletableFuture<HttpResponse<String>> hung = callers.post(adapter, "REST01");
            awaitReceived(providers, 1);
            CompletableFuture<HttpResponse<String>> queued = callers.post(adapter, "REST01");
            Thread.sleep(200);

            long started = System.nanoTime();
            HttpResponse<String> refused = adapter.postJson(Callers.request("REST01"));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertBusy(refused);
            assertTrue(elapsedMs < 5_000, "refused after " + elapsedMs + " ms: it waited, the queue was full");
            assertTrue(!queued.isDone(), "the queued call still waits");
            // the hung call times out, the queued one gets its slot, reaches the provider and times out in turn
            assertError(hung.get(10, TimeUnit.SECONDS), 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
            assertError(queued.get(10, TimeUnit.SECONDS), 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
            assertEquals(2, providers.received().size());
        }
    }

    @Test
    void theBreakerStaysClosedWhileTheBulkheadIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Function<Received, Action> held = StubProviders.checkingCredentials(request -> (socket, out, closed) -> {
            release.await(20, TimeUnit.SECONDS);
            StubProviders.validReply(request, "application/json").perform(socket, out, closed);
        });
        // two failures in two calls would open it, if refusals counted
        try (StubUpstream providers = StubUpstream.start(held);
             RunningAdapter adapter = RunningAdapter.start(config(providers.url(), Map.of(
                     "max-concurrent-calls", "2", "queue-wait-ms", "0", "response-timeout-ms", "5000",
                     "call-timeout-ms", "6500", "breaker-minimum-calls", "2", "breaker-failure-rate-threshold", "50")));
             Callers callers = new Callers()) {
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                inFlight.add(callers.post(adapter, "REST01"));
            }
            awaitReceived(providers, 2);
            for (HttpResponse<String> reply : callers.postAll(adapter, "REST01", 10)) {
                assertBusy(reply);
            }
            assertEquals(2, providers.received().size(), "the refused calls sent nothing");
            JsonNode breaker = breaker(adapter);
            assertEquals("CLOSED", text(breaker, "data.breaker"), breaker.toString());
            assertEquals("0", text(breaker, "data.failedCalls"), "no refusal was recorded as a failure");

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> call : inFlight) {
                assertEquals(201, call.get(10, TimeUnit.SECONDS).statusCode());
            }
            for (HttpResponse<String> reply : callers.postAll(adapter, "REST01", 2)) {
                assertEquals(201, reply.statusCode(), reply.body());
            }
            assertEquals("CLOSED", text(breaker(adapter), "data.breaker"));
        }
    }

    /** The provider's health check, with its details. */
    private static JsonNode breaker(RunningAdapter adapter) throws Exception {
        HttpResponse<String> health = adapter.send(HttpRequest.newBuilder(
                adapter.managementUri("/observe/health?exposureLevel=full&data=true")).GET());
        for (JsonNode check : json(health.body()).get("checks")) {
            if (check.get("name").asText().equals("provider-mpgs-rest")) {
                return check;
            }
        }
        throw new AssertionError("no health check for mpgs-rest: " + health.body());
    }
}
