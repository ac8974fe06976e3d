package io.paymentsession.adapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many calls at once through the real adapter, with its default limits: none is refused by the adapter itself,
 * and calls waiting on a provider hold sockets, not threads.
 */
class ConcurrentCallsTest {

    private static final int CALLERS = 64;

    @Test
    void sixtyFourCallersAtOnceAllGetTheirSessionFromEachDialect() throws Exception {
        try (StubUpstream providers = StubUpstream.start(StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), 5_000));
             Callers callers = new Callers()) {
            for (String merchantId : StubProviders.MERCHANTS) {
                List<HttpResponse<String>> replies = callers.postAll(adapter, merchantId, CALLERS);
                List<String> refused = replies.stream().filter(r -> r.statusCode() != 201)
                        .map(r -> r.statusCode() + " " + r.body()).toList();
                assertEquals(List.of(), refused, merchantId + ": " + refused.size() + " of " + CALLERS + " not created");
            }
            assertEquals(4 * CALLERS, providers.received().size());
        }
    }

    @Test
    void threeHundredCallsWaitingOnAHungProviderHoldNoThreads() throws Exception {
        int calls = 300;
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig("http://127.0.0.1:1", 800));
        config.put("adapter.http.max-connections", "1000");
        config.put("adapter.providers.worldline.max-concurrent-calls", "400");
        // the stub's accept queue is short: a burst of connects may wait for a SYN to be sent again (1 s)
        config.put("adapter.providers.worldline.connect-timeout-ms", "5000");
        config.put("adapter.providers.worldline.response-timeout-ms", "30000");
        config.put("adapter.providers.worldline.call-timeout-ms", "41000");
        try (StubUpstream worldline = StubUpstream.start(r -> StubUpstream.neverAnswer());
             Callers callers = new Callers()) {
            config.put("adapter.providers.worldline.url", worldline.url());
            try (RunningAdapter adapter = RunningAdapter.start(config)) {
                worldline.behave(StubProviders.success());
                assertEquals(201, callers.post(adapter, "WL01").get(10, TimeUnit.SECONDS).statusCode(), "warm-up");
                worldline.behave(r -> StubUpstream.neverAnswer());
                long before = adapterThreads();

                List<CompletableFuture<HttpResponse<String>>> hung = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    hung.add(callers.post(adapter, "WL01"));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (worldline.received().size() < calls + 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                long during = adapterThreads();
                assertEquals(calls + 1, worldline.received().size(), () -> "every call is waiting at the provider at once; answered: "
                        + hung.stream().filter(CompletableFuture::isDone).map(c -> c.join().statusCode()).toList());
                assertTrue(hung.stream().noneMatch(CompletableFuture::isDone), "none has been answered");
                // a thread per waiting call would add 300; the Vert.x worker pool (20) and event loops may still start
                String threads = "threads: " + before + " before, " + during + " with " + calls + " calls waiting";
                assertTrue(during - before < 40, threads);
                assertTrue(during < 60, threads);

                worldline.close();
                for (CompletableFuture<HttpResponse<String>> call : hung) {
                    assertEquals(502, call.get(30, TimeUnit.SECONDS).statusCode(), "the provider hung up: a lost reply");
                }
            }
        }
    }

    @Test
    void everyCallOfABurstEndsAtItsCallTimeout() throws Exception {
        int calls = 30;
        byte[] body = new byte[100];
        Arrays.fill(body, (byte) ' ');
        // a byte every 100 ms: each read is quick (response timeout 800 ms), the whole reply takes 10 s
        try (StubUpstream providers = StubUpstream.start(r -> StubUpstream.slowDrip(body, 100));
             RunningAdapter adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), 800));
             Callers callers = new Callers()) {
            int callTimeoutMs = Integer.parseInt(StubProviders.liveConfig(providers.url(), 800)
                    .get("adapter.providers.paysecure.call-timeout-ms"));
            long started = System.nanoTime();
            List<HttpResponse<String>> replies = callers.postAll(adapter, "PS01", calls);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            for (HttpResponse<String> reply : replies) {
                Replies.assertError(reply, 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
            }
            assertEquals(calls, providers.received().size(), "every call was under way at once");
            assertTrue(elapsedMs < callTimeoutMs + 3_000, calls + " calls of at most " + callTimeoutMs + " ms took " + elapsedMs
                    + " ms: each call's own time limit held");
        }
    }

    /** Live threads of this JVM but the test's own: its callers and the stub's one thread per connection. */
    private static long adapterThreads() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .map(thread -> thread.getThreadName())
                .filter(name -> !name.startsWith(Callers.THREAD_PREFIX) && !name.startsWith("HttpClient-")
                        && !name.startsWith("stub-upstream"))
                .count();
    }
}
