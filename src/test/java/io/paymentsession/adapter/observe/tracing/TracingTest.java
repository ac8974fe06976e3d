package io.paymentsession.adapter.observe.tracing;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing through the real adapter against a stub provider, the spans caught by the OpenTelemetry SDK's in-memory
 * exporter (bound as the adapter's span processor, in place of the OTLP exporter): the request's span and its
 * provider call's child, the caller's traceparent as their parent, failures marked, and the trace context sent to the
 * provider only when configured. And an adapter without tracing: no tracer, nothing sent.
 */
class TracingTest {

    private static final int RESPONSE_TIMEOUT_MS = 800;
    private static final String CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final String CALLER_TRACEPARENT = "00-" + CALLER_TRACE_ID + "-" + CALLER_SPAN_ID + "-01";
    private static final List<String> SECRETS = List.of(StubProviders.MPGS_PASSWORD, StubProviders.WORLDLINE_SECRET,
            StubProviders.WORLDLINE_KEY_ID, StubProviders.PAYSECURE_PASSWORD);

    private static StubUpstream providers;
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final InMemorySpanExporter PROPAGATING_SPANS = InMemorySpanExporter.create();
    private static RunningAdapter adapter;
    private static RunningAdapter propagating;
    private static RunningAdapter untraced;

    @BeforeAll
    static void start() throws Exception {
        providers = StubUpstream.start(StubProviders.success());
        Map<String, String> live = StubProviders.liveConfig(providers.url(), RESPONSE_TIMEOUT_MS);
        adapter = RunningAdapter.start(Map.of(), live,
                Map.of(Tracing.SPAN_PROCESSOR_BEAN, SimpleSpanProcessor.create(SPANS)));
        Map<String, String> propagatingConfig = new java.util.HashMap<>(live);
        propagatingConfig.put("adapter.tracing.propagate-to-providers", "true");
        propagating = RunningAdapter.start(Map.of(), propagatingConfig,
                Map.of(Tracing.SPAN_PROCESSOR_BEAN, SimpleSpanProcessor.create(PROPAGATING_SPANS)));
        untraced = RunningAdapter.start(live);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {adapter, propagating, untraced, providers}) {
            if (closing != null) {
                closing.close();
            }
        }
    }

    @BeforeEach
    void reset() {
        providers.behave(StubProviders.success());
        providers.clear();
        SPANS.reset();
        PROPAGATING_SPANS.reset();
    }

    private static HttpResponse<String> create(RunningAdapter target, String merchantId, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"order-42\"}"));
        headers.forEach(request::header);
        return target.send(request);
    }

    /** The spans of one request: they end once its reply is written, so they may come just after it. */
    private static List<SpanData> await(InMemorySpanExporter exporter, int count) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (exporter.getFinishedSpanItems().size() < count && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // and no more than those
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertEquals(count, spans.size(), () -> spans.stream().map(SpanData::getName).toList().toString());
        return spans;
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }

    private static String attribute(SpanData span, String key) {
        Object value = span.getAttributes().asMap().entrySet().stream()
                .filter(entry -> entry.getKey().getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
        return value == null ? null : value.toString();
    }

    @Test
    void aCreateIsOneRequestSpanWithItsProviderCallAsChild() throws Exception {
        HttpResponse<String> response = create(adapter, "REST01", Map.of());
        assertEquals(201, response.statusCode(), response.body());
        List<SpanData> spans = await(SPANS, 2);
        SpanData request = named(spans, "POST /api/v1/sessions");
        SpanData call = named(spans, "provider mpgs-rest");

        assertFalse(request.getParentSpanContext().isValid(), "a new trace: the request's span is its root");
        assertEquals("create", attribute(request, "adapter.operation"));
        assertEquals("REST01", attribute(request, "adapter.merchant_id"));
        assertEquals("mpgs-rest", attribute(request, "adapter.provider"));
        assertEquals("order-42", attribute(request, "adapter.correlation_id"));
        assertEquals("201", attribute(request, "http.status_code"));
        assertNull(attribute(request, "adapter.cause"));
        assertTrue(request.getStatus().getStatusCode() != StatusCode.ERROR);

        assertEquals(SpanKind.CLIENT, call.getKind());
        assertEquals(request.getTraceId(), call.getTraceId());
        assertEquals(request.getSpanId(), call.getParentSpanId());
        assertEquals("mpgs-rest", attribute(call, "adapter.provider"));
        assertEquals("POST", attribute(call, "http.request.method"));
        assertEquals(providers.url() + StubProviders.MPGS_REST_PATH, attribute(call, "url.full"));
        assertEquals(text(json(response.body()), "upstream.httpStatus"), attribute(call, "http.response.status_code"));
        assertTrue(call.getStatus().getStatusCode() != StatusCode.ERROR);
        // the call lies within its request
        assertTrue(call.getStartEpochNanos() >= request.getStartEpochNanos()
                && call.getEndEpochNanos() <= request.getEndEpochNanos());
        assertNull(providers.lastReceived().header("traceparent"), "not sent unless propagate-to-providers=true");
    }

    @Test
    void theCallersTraceparentIsTheRequestsParent() throws Exception {
        HttpResponse<String> response = create(adapter, "WL01",
                Map.of("traceparent", CALLER_TRACEPARENT, "tracestate", "vendor=abc"));
        assertEquals(201, response.statusCode(), response.body());
        List<SpanData> spans = await(SPANS, 2);
        SpanData request = named(spans, "POST /api/v1/sessions");
        SpanData call = named(spans, "provider worldline");
        assertEquals(CALLER_TRACE_ID, request.getTraceId());
        assertEquals(CALLER_SPAN_ID, request.getParentSpanId());
        assertTrue(request.getParentSpanContext().isRemote());
        assertEquals(CALLER_TRACE_ID, call.getTraceId());
        assertEquals(request.getSpanId(), call.getParentSpanId());
        assertFalse(response.headers().map().containsKey("traceparent"), "no trace header echoed to the caller");
        StubUpstream.Received sent = providers.lastReceived();
        assertNull(sent.header("traceparent"));
        assertNull(sent.header("tracestate"));
    }

    @Test
    void aCallersUnsampledTraceIsNotRecorded() throws Exception {
        String unsampled = "00-" + CALLER_TRACE_ID + "-" + CALLER_SPAN_ID + "-00";
        HttpResponse<String> response = create(propagating, "REST01", Map.of("traceparent", unsampled));
        assertEquals(201, response.statusCode(), response.body());
        await(PROPAGATING_SPANS, 0);
        // the provider still hears the trace, unsampled, as W3C Trace Context asks
        String sent = providers.lastReceived().header("traceparent");
        assertTrue(sent.startsWith("00-" + CALLER_TRACE_ID + "-") && sent.endsWith("-00"), sent);
    }

    @Test
    void aProviderFailureMarksBothSpansAsErrors() throws Exception {
        providers.behave(request -> StubUpstream.neverAnswer());
        HttpResponse<String> response = create(adapter, "NVP01", Map.of());
        assertEquals(504, response.statusCode(), response.body());
        List<SpanData> spans = await(SPANS, 2);
        SpanData request = named(spans, "POST /api/v1/sessions");
        SpanData call = named(spans, "provider mpgs-nvp");
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
        assertEquals("UPSTREAM_TIMEOUT", attribute(call, "adapter.cause"));
        assertEquals("UPSTREAM_TIMEOUT", attribute(call, "error.type"));
        assertNull(attribute(call, "http.response.status_code"));
        assertEquals(StatusCode.ERROR, request.getStatus().getStatusCode());
        assertEquals("UPSTREAM_TIMEOUT", attribute(request, "adapter.cause"));
        assertEquals("504", attribute(request, "http.status_code"));
    }

    @Test
    void aRefusedRequestIsNoErrorOfTheAdaptersAndADryRunCallsNoProvider() throws Exception {
        HttpResponse<String> refused = create(adapter, "UNKNOWN01", Map.of());
        assertEquals(400, refused.statusCode(), refused.body());
        SpanData request = named(await(SPANS, 1), "POST /api/v1/sessions");
        assertEquals("INVALID_REQUEST", attribute(request, "adapter.cause"));
        assertTrue(request.getStatus().getStatusCode() != StatusCode.ERROR, "the caller's mistake");
        SPANS.reset();

        HttpResponse<String> dryRun = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions/dry-run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"PS01\",\"correlationId\":\"order-42\"}")));
        assertEquals(200, dryRun.statusCode(), dryRun.body());
        SpanData dry = named(await(SPANS, 1), "POST /api/v1/sessions/dry-run");
        assertEquals("dry-run", attribute(dry, "adapter.operation"));
        assertEquals("paysecure", attribute(dry, "adapter.provider"));
        SPANS.reset();

        HttpResponse<String> read = adapter.get("/api/v1/sessions/SESSION0000000000000A00000000B0");
        assertEquals(404, read.statusCode(), read.body());
        SpanData found = named(await(SPANS, 1), "GET /api/v1/sessions/{id}");
        assertEquals("read", attribute(found, "adapter.operation"));
        assertEquals(0, providers.received().size());
    }

    @Test
    void withPropagationTheProviderGetsItsCallSpansTraceparent() throws Exception {
        HttpResponse<String> response = create(propagating, "PS01",
                Map.of("traceparent", CALLER_TRACEPARENT, "tracestate", "vendor=abc"));
        assertEquals(201, response.statusCode(), response.body());
        SpanData call = named(await(PROPAGATING_SPANS, 2), "provider paysecure");
        StubUpstream.Received sent = providers.lastReceived();
        assertEquals("00-" + CALLER_TRACE_ID + "-" + call.getSpanId() + "-01", sent.header("traceparent"));
        assertEquals("vendor=abc", sent.header("tracestate"));
        assertEquals(0, SPANS.getFinishedSpanItems().size(), "each adapter its own spans");
    }

    @Test
    void noSpanHoldsASecret() throws Exception {
        for (String merchantId : StubProviders.MERCHANTS) {
            assertEquals(201, create(adapter, merchantId, Map.of()).statusCode());
        }
        List<SpanData> spans = await(SPANS, 2 * StubProviders.MERCHANTS.size());
        for (SpanData span : spans) {
            String printed = span.getName() + " " + span.getAttributes() + " " + span.getEvents() + " " + span.getStatus();
            SECRETS.forEach(secret -> assertFalse(printed.contains(secret), printed));
            assertFalse(printed.contains("Authorization") || printed.contains("apiPassword"), printed);
        }
        Set<String> names = spans.stream().map(SpanData::getName).collect(Collectors.toSet());
        assertEquals(Set.of("POST /api/v1/sessions", "provider mpgs-rest", "provider mpgs-nvp", "provider worldline",
                "provider paysecure"), names);
    }

    @Test
    void withoutTracingNothingIsInstalledNorSent() throws Exception {
        assertNull(untraced.context().hasService(org.apache.camel.telemetry.Tracer.class));
        assertSame(ProviderSpans.OFF, ProviderSpans.of(untraced.context()));
        assertFalse(Tracing.isOn(untraced.context()));
        HttpResponse<String> response = create(untraced, "REST01", Map.of("traceparent", CALLER_TRACEPARENT));
        assertEquals(201, response.statusCode(), response.body());
        assertNull(providers.lastReceived().header("traceparent"));
        assertTrue(Tracing.isOn(adapter.context()));
        assertTrue(adapter.context().hasService(org.apache.camel.telemetry.Tracer.class) != null);
    }
}
