package io.paymentsession.adapter.observe;

import static io.paymentsession.adapter.Replies.assertError;
import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The management port over real HTTP: the metrics a create and a read leave, health by HEAD, JSON for the rest. */
class ManagementPortTest {

    private static final List<String> PROVIDERS = List.of("mpgs-rest", "mpgs-nvp", "worldline", "paysecure");
    private static final Pattern BUCKET = Pattern.compile("^(adapter_\\w+_seconds)_bucket\\{(.*?),?le=\"([^\"]+)\",?(.*)} .*$");

    private static StubUpstream providers;
    private static RunningAdapter adapter;

    /** Starts the adapter and sends one create at a provider, one local create, its read and a read of an unknown id. */
    @BeforeAll
    static void startAndSendTraffic() throws Exception {
        providers = StubUpstream.start(StubProviders.success());
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(providers.url(), 800));
        config.put("adapter.merchants.LOCAL01.provider", "local");
        adapter = RunningAdapter.start(config);

        assertEquals(201, adapter.postJson("{\"merchantId\":\"REST01\"}").statusCode());
        HttpResponse<String> created = adapter.postJson("{\"merchantId\":\"LOCAL01\"}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> read = adapter.get("/api/v1/sessions/" + text(json(created.body()), "session.id"));
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(404, adapter.get("/api/v1/sessions/SESSION0000000000000A00000000A0").statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        providers.close();
    }

    /**
     * Over HTTP/1.1, as probes and Prometheus speak it. (Over h2c, Vert.x 4.5's HTTP/2 server writes a HEAD
     * response's body: Http2ServerResponse ignores the method when it writes data.)
     */
    private static HttpResponse<String> management(String method, String path) throws Exception {
        return adapter.send(HttpRequest.newBuilder(adapter.managementUri(path)).version(HttpClient.Version.HTTP_1_1)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static List<String> scrape() throws Exception {
        HttpResponse<String> metrics = management("GET", "/observe/metrics");
        assertEquals(200, metrics.statusCode());
        return metrics.body().lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void aReadIsCountedAsAReadWithItsOwnOutcome() throws Exception {
        List<String> samples = scrape();
        for (String expected : List.of(
                "adapter_requests_total{cause=\"NONE\",operation=\"create\",outcome=\"CREATED\",provider=\"mpgs-rest\",sandbox=\"false\"} 1.0",
                "adapter_requests_total{cause=\"NONE\",operation=\"create\",outcome=\"CREATED\",provider=\"local\",sandbox=\"false\"} 1.0",
                "adapter_requests_total{cause=\"NONE\",operation=\"read\",outcome=\"FOUND\",provider=\"local\",sandbox=\"false\"} 1.0",
                "adapter_requests_total{cause=\"INVALID_REQUEST\",operation=\"read\",outcome=\"NOT_CREATED\",provider=\"none\",sandbox=\"false\"} 1.0",
                "adapter_request_duration_seconds_count{operation=\"read\",outcome=\"FOUND\",provider=\"local\",sandbox=\"false\"} 1",
                "adapter_upstream_latency_seconds_count{operation=\"create\",outcome=\"CREATED\",provider=\"mpgs-rest\",sandbox=\"false\"} 1")) {
            assertTrue(samples.contains(expected), "missing: " + expected + "\n" + String.join("\n", samples));
        }
        assertTrue(samples.stream().noneMatch(l -> l.contains("operation=\"read\"") && l.contains("outcome=\"CREATED\"")),
                "a read is never counted as a create");
    }

    @Test
    void everyProviderSeriesHasAStableProviderLabel() throws Exception {
        List<String> samples = scrape();
        // the breaker's name no longer carries Camel's start-order prefix (route-1...), and every series names its provider
        for (String provider : PROVIDERS) {
            String labels = "{name=\"" + provider + "-breaker\",provider=\"" + provider + "\"";
            assertTrue(samples.contains("resilience4j_circuitbreaker_state" + labels + ",state=\"closed\"} 1.0"), provider);
            assertTrue(samples.stream().anyMatch(l -> l.startsWith("resilience4j_bulkhead_max_allowed_concurrent_calls" + labels)),
                    provider);
        }
        List<String> resilience = samples.stream().filter(l -> l.startsWith("resilience4j_")).toList();
        assertFalse(resilience.isEmpty());
        for (String sample : resilience) {
            assertTrue(PROVIDERS.stream().anyMatch(p -> sample.contains("name=\"" + p + "-breaker\",provider=\"" + p + "\"")), sample);
        }
        assertTrue(samples.stream().anyMatch(l -> l.startsWith("camel_exchanges_total{")
                && l.contains("provider=\"mpgs-rest\",routeId=\"provider-mpgs-rest\"") && l.endsWith(" 1.0")), "Camel's provider route");
    }

    @Test
    void theJvmAndTheProcessAreMeasured() throws Exception {
        List<String> samples = scrape();
        for (String series : List.of("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "jvm_info{", "process_cpu_usage", "process_uptime_seconds", "process_start_time_seconds", "process_files_open_files",
                "system_cpu_count")) {
            assertTrue(samples.stream().anyMatch(l -> l.startsWith(series)), "missing: " + series);
        }
    }

    @Test
    void eachLatencyHistogramHasTheDocumentedBuckets() throws Exception {
        Map<String, List<String>> bounds = scrape().stream().map(BUCKET::matcher).filter(Matcher::matches)
                .collect(Collectors.groupingBy(m -> m.group(1) + "{" + m.group(2) + m.group(4),
                        Collectors.mapping(m -> m.group(3), Collectors.toList())));
        assertTrue(bounds.keySet().stream().anyMatch(s -> s.startsWith("adapter_upstream_latency_seconds")), bounds.toString());
        assertTrue(bounds.keySet().stream().anyMatch(s -> s.startsWith("adapter_request_duration_seconds")), bounds.toString());
        for (Map.Entry<String, List<String>> series : bounds.entrySet()) {
            assertEquals(List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "15.0",
                    "30.0", "+Inf"), series.getValue(), series.getKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/observe/health", "/observe/health/live", "/observe/health/ready", "/observe/metrics"})
    void headAnswersLikeGetWithoutABody(String path) throws Exception {
        HttpResponse<String> get = management("GET", path);
        HttpResponse<String> head = management("HEAD", path);
        assertEquals(200, get.statusCode(), get.body());
        assertEquals(get.statusCode(), head.statusCode());
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
        assertFalse(get.body().isEmpty());
        assertEquals("", head.body());
    }

    @Test
    void anUnknownPathIsAJson404AndAnotherMethodAJson405() throws Exception {
        HttpResponse<String> unknown = management("GET", "/nope");
        assertEquals("application/json", unknown.headers().firstValue("Content-Type").orElse(null));
        assertError(unknown, 404, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        HttpResponse<String> head = management("HEAD", "/observe/nope");
        assertEquals(404, head.statusCode());
        assertEquals("", head.body());

        HttpResponse<String> post = management("POST", "/observe/health");
        assertError(post, 405, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(null));
    }
}
