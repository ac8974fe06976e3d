package io.paymentsession.adapter.api;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/v1/sessions/dry-run through the real adapter in live mode, every dialect against a stub provider on a real
 * socket: what a create would send, secrets masked, and nothing sent.
 */
class DryRunTest {

    static final List<String> MERCHANTS = StubProviders.MERCHANTS;
    private static final Map<String, String> PROVIDERS = Map.of(
            "REST01", "mpgs-rest", "NVP01", "mpgs-nvp", "WL01", "worldline", "PS01", "paysecure");
    private static final Map<String, String> PATHS = Map.of(
            "REST01", StubProviders.MPGS_REST_PATH, "NVP01", StubProviders.MPGS_NVP_PATH,
            "WL01", StubProviders.WORLDLINE_PATH, "PS01", StubProviders.PAYSECURE_PATH);
    /** Every canonical field, so each dialect both carries and ignores some. */
    private static final String FULL_REQUEST = """
            {"merchantId":"%s","correlationId":"order-42","authenticationLimit":25,"lineOfBusiness":"TICKET_SALES",
             "expiresInMinutes":30,"tokens":["tok-1","tok-2"],
             "paymentProductFilters":{"restrictTo":{"groups":["cards"],"products":[1,3]}}}""";
    private static final String BASIC_CREDENTIALS = Base64.getEncoder().encodeToString(
            ("merchant." + StubProviders.MPGS_MERCHANT + ":" + StubProviders.MPGS_PASSWORD).getBytes(StandardCharsets.UTF_8));
    /** Every configured secret, as configured and as each dialect encodes it on the wire. */
    private static final List<String> SECRETS = List.of(StubProviders.MPGS_PASSWORD, StubProviders.WORLDLINE_SECRET,
            StubProviders.PAYSECURE_PASSWORD, BASIC_CREDENTIALS,
            URLEncoder.encode(StubProviders.MPGS_PASSWORD, StandardCharsets.UTF_8), "ps-password", "gw-api-password");

    private static StubUpstream providers;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        providers = StubUpstream.start(StubProviders.success());
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(providers.url(), 2_000));
        config.put("adapter.providers.worldline.integrator", "Dry Run Test");
        config.put("adapter.merchants.LOCAL01.provider", "local");
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

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return adapter.send(HttpRequest.newBuilder(adapter.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> dryRun(String json) throws Exception {
        return post("/api/v1/sessions/dry-run", json);
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void showsWhatEachDialectWouldSendAndSendsNothing(String merchantId) throws Exception {
        HttpResponse<String> response = dryRun(FULL_REQUEST.formatted(merchantId));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode reply = json(response.body());
        String provider = PROVIDERS.get(merchantId);
        assertEquals("DRY_RUN", text(reply, "result"));
        assertEquals(provider, text(reply, "provider"));
        assertEquals(merchantId, text(reply, "merchantId"));
        assertEquals("order-42", text(reply, "correlationId"));
        assertEquals("direct:provider-" + provider, text(reply, "route"));
        assertEquals("CLOSED", text(reply, "circuitBreaker"));
        assertEquals("POST", text(reply, "upstreamRequest.method"));
        assertEquals(providers.url() + PATHS.get(merchantId), text(reply, "upstreamRequest.url"));
        assertFalse(response.body().contains("null"), response.body());
        assertEquals(List.of(), providers.received(), "the dry run reached the provider");
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void masksEverySecret(String merchantId) throws Exception {
        HttpResponse<String> response = dryRun(FULL_REQUEST.formatted(merchantId));
        assertEquals(200, response.statusCode(), response.body());
        for (String secret : SECRETS) {
            assertFalse(response.body().contains(secret), "a secret in the reply: " + response.body());
        }
        JsonNode upstream = json(response.body()).get("upstreamRequest");
        String body = upstream.get("body").asText();
        switch (merchantId) {
            case "REST01" -> assertEquals("Basic ***", upstream.at("/headers/Authorization").asText());
            case "NVP01" -> assertTrue(body.contains("&apiPassword=***&"), body);
            case "WL01" -> assertEquals("GCS v1HMAC:***", upstream.at("/headers/Authorization").asText());
            default -> assertEquals("***", json(body).at("/Credentials/Password").asText());
        }
    }

    /**
     * THE comparison: the dry run shows what the provider then receives for the same create (method, URL, every header
     * the dialect sets, body), secrets aside, and Worldline's Date and signature aside (they are made per request).
     */
    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void showsExactlyWhatTheProviderReceivesForTheSameCreate(String merchantId) throws Exception {
        String request = FULL_REQUEST.formatted(merchantId);
        JsonNode dry = json(dryRun(request).body());
        HttpResponse<String> created = post("/api/v1/sessions", request);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, providers.received().size());
        Received sent = providers.lastReceived();
        JsonNode upstream = dry.get("upstreamRequest");

        assertEquals(sent.method(), upstream.get("method").asText());
        assertEquals(providers.url() + sent.path(), upstream.get("url").asText());
        assertEquals(json(created.body()).get("ignoredFields"), dry.get("ignoredFields"));

        Map<String, String> shown = new TreeMap<>();
        upstream.get("headers").properties().forEach(h -> shown.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        Map<String, String> received = new TreeMap<>(sent.headers());
        // the HTTP client's own, the same for every request of every provider (README, Providers)
        Set.of("host", "content-length", "user-agent").forEach(received::remove);
        assertEquals(received.keySet(), shown.keySet(), "headers shown: " + shown + ", received: " + received);
        String authorization = received.remove("authorization");
        switch (merchantId) {
            case "REST01" -> {
                assertEquals("Basic " + BASIC_CREDENTIALS, authorization);
                assertEquals("Basic ***", shown.remove("authorization"));
            }
            case "WL01" -> {
                assertTrue(authorization.startsWith("GCS v1HMAC:" + StubProviders.WORLDLINE_KEY_ID + ":"), authorization);
                assertEquals("GCS v1HMAC:***", shown.remove("authorization"));
                Instant shownDate = ZonedDateTime.parse(shown.remove("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Instant sentDate = ZonedDateTime.parse(received.remove("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                assertTrue(Duration.between(shownDate, sentDate).abs().toSeconds() <= 30, shownDate + " / " + sentDate);
                assertTrue(shown.containsKey("x-gcs-servermetainfo"), shown.toString());
            }
            default -> assertNull(authorization);
        }
        assertEquals(received, shown);

        String expectedBody = switch (merchantId) {
            case "NVP01" -> sent.bodyText().replace(
                    "apiPassword=" + URLEncoder.encode(StubProviders.MPGS_PASSWORD, StandardCharsets.UTF_8), "apiPassword=***");
            case "PS01" -> sent.bodyText().replace(
                    "\"Password\":\"" + StubProviders.PAYSECURE_PASSWORD + "\"", "\"Password\":\"***\"");
            default -> sent.bodyText();
        };
        assertFalse(expectedBody.contains("assword") && !expectedBody.contains("***"), expectedBody);
        assertEquals(expectedBody, upstream.get("body").asText());
    }

    @Test
    void aLocalMerchantHasTheStoreRouteAndNoUpstreamRequest() throws Exception {
        HttpResponse<String> response = dryRun(FULL_REQUEST.formatted("LOCAL01"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("DRY_RUN", text(reply, "result"));
        assertEquals("local", text(reply, "provider"));
        assertEquals("direct:session-store", text(reply, "route"));
        assertEquals("order-42", text(reply, "correlationId"));
        assertNull(reply.get("upstreamRequest"), response.body());
        assertNull(reply.get("circuitBreaker"), response.body());
        assertNull(reply.get("ignoredFields"), response.body());
        assertNull(reply.get("session"), response.body());
    }

    /** The breaker's state as resilience4j names it; reading it takes no permission, and nothing is sent. */
    @Test
    void showsAnOpenBreakerAndStillSendsNothing() throws Exception {
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(providers.url(), 2_000));
        config.put("adapter.providers.paysecure.breaker-minimum-calls", "2");
        config.put("adapter.providers.paysecure.breaker-wait-in-open-seconds", "600");
        providers.behave(r -> StubUpstream.reply(500, "application/json",
                io.paymentsession.adapter.Fixtures.bytes("paysecure/error-500-exception.json")));
        try (RunningAdapter failing = RunningAdapter.start(config)) {
            String request = "{\"merchantId\":\"PS01\"}";
            for (int i = 0; i < 2; i++) {
                assertEquals(502, failing.postJson(request).statusCode());
            }
            providers.clear();
            HttpResponse<String> dry = failing.send(HttpRequest.newBuilder(failing.uri("/api/v1/sessions/dry-run"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)));
            assertEquals(200, dry.statusCode(), dry.body());
            assertEquals("OPEN", text(json(dry.body()), "circuitBreaker"));
            assertEquals("/CreateSession", java.net.URI.create(text(json(dry.body()), "upstreamRequest.url")).getPath());
            assertEquals(List.of(), providers.received());
        }
    }

    /** A caller's mistake gets, byte for byte, the reply a create would give. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"merchantId\":\"REST01\",",
        "{\"merchantId\":\"REST01\",\"merchantId\":\"NVP01\"}",
        "{\"correlationId\":\"order-42\"}",
        "{\"merchantId\":\"REST01\",\"correlationId\":\"order-42\",\"amount\":12}",
        "{\"merchantId\":\"REST01\",\"correlationId\":\"order-42\",\"authenticationLimit\":26}",
        "{\"merchantId\":\"NOSUCH01\",\"correlationId\":\"order-42\"}",
        "[]"})
    void refusesAsACreateWould(String body) throws Exception {
        HttpResponse<String> create = post("/api/v1/sessions", body);
        HttpResponse<String> dry = dryRun(body);
        assertTrue(create.statusCode() >= 400 && create.statusCode() < 500, create.body());
        assertEquals(create.statusCode(), dry.statusCode(), dry.body());
        assertEquals(create.body(), dry.body());
        assertEquals(List.of(), providers.received());
    }

    @Test
    void anUnknownMerchantInLiveModeIsTheCanonicalMerchantIdError() throws Exception {
        HttpResponse<String> dry = dryRun("{\"merchantId\":\"NOSUCH01\",\"correlationId\":\"order-42\"}");
        JsonNode reply = io.paymentsession.adapter.Replies.assertError(dry, 400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        assertEquals("merchantId", text(reply, "error.field"));
        assertEquals("order-42", text(reply, "correlationId"));
    }

    @Test
    void refusesAnotherMediaTypeWith415() throws Exception {
        HttpResponse<String> dry = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions/dry-run"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"REST01\"}")));
        io.paymentsession.adapter.Replies.assertError(dry, 415, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
    }

    /** dry-run is never a session id (the store issues SESSION...): GET there is this door's 405, not a read's 404. */
    @Test
    void getOnTheDryRunPathIs405AllowPost() throws Exception {
        HttpResponse<String> response = adapter.get("/api/v1/sessions/dry-run");
        io.paymentsession.adapter.Replies.assertError(response, 405, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
        HttpResponse<String> read = adapter.get("/api/v1/sessions/SESSION0000000000000A00000000A0");
        io.paymentsession.adapter.Replies.assertError(read, 404, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
    }

    /** Counted as a dry run, never as a create; one access line each; no secret in any log line. */
    @Test
    void isLoggedAndCountedAsADryRunWithoutASecret() throws Exception {
        String before = metrics();
        try (LogCapture logs = LogCapture.atLevel(Level.DEBUG)) {
            for (String merchantId : MERCHANTS) {
                assertEquals(200, dryRun(FULL_REQUEST.formatted(merchantId)).statusCode());
            }
            String after = metrics();
            for (String provider : PROVIDERS.values()) {
                assertEquals(requests(before, "create", provider), requests(after, "create", provider), provider);
                assertEquals(requests(before, "dry-run", provider) + 1, requests(after, "dry-run", provider), provider);
                assertTrue(after.lines().anyMatch(line -> line.startsWith("adapter_requests_total{")
                        && line.contains("operation=\"dry-run\"") && line.contains("provider=\"" + provider + "\"")
                        && line.contains("outcome=\"DRY_RUN\"")), provider + ": " + after);
            }
            Thread.sleep(300); // the access log's appender is asynchronous
            String logged = logs.text();
            assertEquals(MERCHANTS.size(), logged.lines().filter(line -> line.contains("path=/api/v1/sessions/dry-run")
                    && line.contains("status=200")).count(), logged);
            for (String secret : SECRETS) {
                assertFalse(logged.contains(secret), "a secret in the logs");
            }
        }
        assertEquals(List.of(), providers.received());
    }

    private static String metrics() throws Exception {
        return adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body();
    }

    /** adapter_requests_total of one operation and provider, every outcome and cause. */
    private static double requests(String metrics, String operation, String provider) {
        return metrics.lines()
                .filter(line -> line.startsWith("adapter_requests_total{") && line.contains("operation=\"" + operation + "\"")
                        && line.contains("provider=\"" + provider + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
