import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load on POST /api/v1/sessions: CONCURRENCY callers send REQUESTS CreateSessions in all,
 * after a warm-up. Prints throughput, latency percentiles and the statuses seen.
 * Usage: java bench/Load.java URL REQUESTS CONCURRENCY MERCHANT_ID
 */
public class Load {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int requests = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        String body = "{\"merchantId\":\"" + args[3] + "\",\"correlationId\":\"bench\",\"authenticationLimit\":5}";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();

        run(http, request, Math.min(2_000, requests), concurrency, new ArrayList<>(), new TreeMap<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        long started = System.nanoTime();
        run(http, request, requests, concurrency, latencies, statuses);
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("requests=%d concurrency=%d seconds=%.2f throughput=%.0f req/s%n", requests, concurrency, seconds,
                requests / seconds);
        System.out.printf("latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f%n", percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
        System.out.println("statuses: " + statuses);
    }

    private static void run(HttpClient http, HttpRequest request, int requests, int concurrency, List<Long> latencies,
                            Map<Integer, Integer> statuses) throws Exception {
        AtomicInteger remaining = new AtomicInteger(requests);
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            done.add(callers.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - sent);
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        callers.shutdown();
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
