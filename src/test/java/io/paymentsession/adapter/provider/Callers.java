package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.RunningAdapter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many concurrent callers from a few threads: an asynchronous HTTP/1.1 client (one connection per call in
 * flight) on a small executor whose threads are named {@value #THREAD_PREFIX}..., so a test can tell them apart
 * from the adapter's.
 */
final class Callers implements AutoCloseable {

    static final String THREAD_PREFIX = "test-caller-";

    private final ExecutorService executor;
    private final HttpClient client;

    Callers() {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static String request(String merchantId) {
        return "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"load\"}";
    }

    CompletableFuture<HttpResponse<String>> post(RunningAdapter adapter, String merchantId) {
        return client.sendAsync(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(request(merchantId))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} calls at once; their replies, in order. */
    List<HttpResponse<String>> postAll(RunningAdapter adapter, String merchantId, int count) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(post(adapter, merchantId));
        }
        List<HttpResponse<String>> replies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            replies.add(call.get(60, TimeUnit.SECONDS));
        }
        return replies;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
