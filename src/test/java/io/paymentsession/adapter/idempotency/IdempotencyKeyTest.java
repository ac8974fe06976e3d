package io.paymentsession.adapter.idempotency;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idempotency-Key (contract section 4) through the real adapter, in live mode against the stub providers, which count
 * every request that reaches them.
 */
class IdempotencyKeyTest {

    private static final String BODY = "{\"merchantId\":\"REST01\",\"correlationId\":\"order-42\",\"authenticationLimit\":5}";
    private static StubUpstream providers;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        providers = StubUpstream.start(StubProviders.success());
        adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), 3_000));
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

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private static HttpRequest.Builder create(String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return key == null ? request : request.header("Idempotency-Key", key);
    }

    private static HttpResponse<String> post(String body, String key) throws Exception {
        return adapter.send(create(body, key));
    }

    private static boolean replayed(HttpResponse<String> response) {
        return response.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent();
    }

    private static void assertReplayOf(HttpResponse<String> original, HttpResponse<String> replay) {
        assertEquals(original.statusCode(), replay.statusCode(), replay.body());
        assertEquals(original.body(), replay.body(), "the kept reply, byte for byte");
        assertEquals(original.headers().firstValue("Retry-After"), replay.headers().firstValue("Retry-After"));
        assertEquals(Optional.of("application/json"), replay.headers().firstValue("Content-Type"));
        assertTrue(replayed(replay), "marked Idempotent-Replayed: true");
        assertFalse(replayed(original), "the first reply is not a replay");
    }

    @Test
    void aRepeatedRequestGetsTheKeptReplyByteForByteAndNothingGoesUpstream() throws Exception {
        String key = newKey();
        HttpResponse<String> first = post(BODY, key);
        assertEquals(201, first.statusCode(), first.body());
        for (int i = 0; i < 3; i++) {
            assertReplayOf(first, post(BODY, key));
        }
        assertEquals(1, providers.received().size(), "one request upstream, however often it is repeated");
        assertEquals(null, providers.lastReceived().header("Idempotency-Key"), "the key is the adapter's, never sent upstream");
    }

    @Test
    void keyOrderAndWhiteSpaceAreTheSameRequest() throws Exception {
        String key = newKey();
        HttpResponse<String> first = post(BODY, key);
        String reordered = "{ \"authenticationLimit\" : 5,\n  \"correlationId\":\"order-\\u0034\\u0032\",\t\"merchantId\": \"REST01\" }";
        assertReplayOf(first, post(reordered, key));
        assertEquals(1, providers.received().size());
    }

    @Test
    void anotherRequestUnderTheKeyIs422() throws Exception {
        String key = newKey();
        assertEquals(201, post(BODY, key).statusCode());
        for (String other : List.of(BODY.replace("order-42", "order-43"), BODY.replace(",\"authenticationLimit\":5", ""),
                BODY.replace("}", ",\"lineOfBusiness\":\"TICKETS\"}"))) {
            HttpResponse<String> refused = post(other, key);
            JsonNode error = Replies.assertError(refused, 422, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
            assertEquals("Idempotency-Key", text(error, "error.field"));
            assertFalse(replayed(refused));
        }
        assertEquals(1, providers.received().size());
    }

    @Test
    void theSameRequestInFlightIs409WithRetryAfter() throws Exception {
        providers.behave(request -> StubUpstream.after(1_500, StubProviders.success().apply(request)));
        String key = newKey();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> send(create(BODY, key)));
        awaitUpstreamRequests(1);
        HttpResponse<String> second = post(BODY, key);
        JsonNode error = Replies.assertError(second, 409, "REQUEST_IN_PROGRESS", "ADAPTER", "UNKNOWN");
        assertEquals("true", text(error, "error.retryable"));
        assertEquals("order-42", text(error, "correlationId"));
        assertEquals(Optional.of("1"), second.headers().firstValue("Retry-After"));
        HttpResponse<String> original = first.get();
        assertEquals(201, original.statusCode(), original.body());
        assertReplayOf(original, post(BODY, key));
        assertEquals(1, providers.received().size());
    }

    @Test
    void aRetryableErrorFreesTheKey() throws Exception {
        providers.behave(request -> StubUpstream.reply(503, "application/json", Map.of("Retry-After", "7"),
                Fixtures.bytes("mpgs-rest/error-server-busy.json")));
        String key = newKey();
        HttpResponse<String> busy = post(BODY, key);
        Replies.assertError(busy, 503, "SERVER_BUSY", "PROVIDER", "NOT_CREATED");
        providers.behave(StubProviders.success());
        HttpResponse<String> retried = post(BODY, key);
        assertEquals(201, retried.statusCode(), retried.body());
        assertFalse(replayed(retried), "processed anew");
        assertReplayOf(retried, post(BODY, key));
        assertEquals(2, providers.received().size());
    }

    @Test
    void aFinalErrorIsKeptAndReplayed() throws Exception {
        String key = newKey();
        String body = BODY.replace("REST01", "BADREST01");
        HttpResponse<String> rejected = post(body, key);
        Replies.assertError(rejected, 403, "REQUEST_REJECTED", "PROVIDER", "NOT_CREATED");
        assertReplayOf(rejected, post(body, key));
        assertEquals(1, providers.received().size());
    }

    @Test
    void aRequestThatFailsValidationClaimsNothing() throws Exception {
        String key = newKey();
        Replies.assertError(post(BODY.replace("5}", "26}"), key), 400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        Replies.assertError(post("{\"merchantId\":\"REST01\",", key), 400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        for (String correlationId : List.of("a", "b")) {
            // an unknown merchant in live mode is a validation failure too
            JsonNode unknown = Replies.assertError(post("{\"merchantId\":\"NOBODY\",\"correlationId\":\"" + correlationId + "\"}", key),
                    400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
            assertEquals("merchantId", text(unknown, "error.field"));
        }
        HttpResponse<String> valid = post(BODY, key);
        assertEquals(201, valid.statusCode(), valid.body());
        assertFalse(replayed(valid));
        assertEquals(1, providers.received().size());
    }

    @Test
    void twoMerchantsWithOneKeyAreIndependent() throws Exception {
        String key = newKey();
        String nvpBody = BODY.replace("REST01", "NVP01");
        HttpResponse<String> rest = post(BODY, key);
        HttpResponse<String> nvp = post(nvpBody, key);
        assertEquals(201, rest.statusCode(), rest.body());
        assertEquals(201, nvp.statusCode(), nvp.body());
        assertFalse(replayed(nvp), "another merchant's key is not this one's");
        assertEquals("mpgs-nvp", text(json(nvp.body()), "provider"));
        assertReplayOf(rest, post(BODY, key));
        assertReplayOf(nvp, post(nvpBody, key));
        assertEquals(2, providers.received().size());
    }

    @Test
    void concurrentRequestsWithOneKeyReachTheProviderOnce() throws Exception {
        providers.behave(request -> StubUpstream.after(500, StubProviders.success().apply(request)));
        String key = newKey();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            replies.add(client.sendAsync(create(BODY, key).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> created = new ArrayList<>();
        int inProgress = 0;
        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            HttpResponse<String> response = reply.get();
            if (response.statusCode() == 409) {
                Replies.assertError(response, 409, "REQUEST_IN_PROGRESS", "ADAPTER", "UNKNOWN");
                inProgress++;
            } else {
                assertEquals(201, response.statusCode(), response.body());
                created.add(response);
            }
        }
        assertEquals(1, providers.received().size(), "exactly one request upstream");
        List<HttpResponse<String>> originals = created.stream().filter(r -> !replayed(r)).toList();
        assertEquals(1, originals.size(), "one reply is the original, the others 409 or its replay");
        created.stream().filter(IdempotencyKeyTest::replayed).forEach(r -> assertEquals(originals.get(0).body(), r.body()));
        assertEquals(64, inProgress + created.size());
        assertTrue(inProgress > 0, "the others came while the first was in flight");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\tinside", "x"})
    void anInvalidKeyIsRefusedAndNothingIsSent(String key) throws Exception {
        String sent = key.equals("x") ? "k".repeat(256) : key;
        HttpResponse<String> refused = post(BODY, sent);
        JsonNode error = Replies.assertError(refused, 400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        assertEquals("Idempotency-Key", text(error, "error.field"));
        assertEquals("INVALID", text(error, "error.validationType"));
        assertEquals("order-42", text(error, "correlationId"));
        assertTrue(providers.received().isEmpty());
    }

    @Test
    void aKeySentTwiceIsRefused() throws Exception {
        HttpResponse<String> refused = adapter.send(create(BODY, "one").header("Idempotency-Key", "two"));
        assertEquals("Idempotency-Key", text(Replies.assertError(refused, 400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED"),
                "error.field"));
        assertTrue(providers.received().isEmpty());
    }

    @Test
    void theLongestKeyIsAccepted() throws Exception {
        String key = "!~" + "k".repeat(253);
        HttpResponse<String> first = post(BODY, key);
        assertEquals(201, first.statusCode(), first.body());
        assertReplayOf(first, post(BODY, key));
    }

    @Test
    void withoutAKeyEveryRequestIsProcessed() throws Exception {
        HttpResponse<String> first = post(BODY, null);
        HttpResponse<String> second = post(BODY, null);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        assertFalse(replayed(first) || replayed(second));
        assertEquals(2, providers.received().size());
    }

    @Test
    void aReplayIsCountedAsOne() throws Exception {
        String key = newKey();
        post(BODY, key);
        post(BODY, key);
        String metrics = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("adapter_requests_total{")
                && line.contains("operation=\"replay\"") && line.contains("provider=\"mpgs-rest\"")), metrics);
    }

    @Test
    void directCallersUseTheCamelHeader() {
        ProducerTemplate template = adapter.context().createProducerTemplate();
        String key = newKey();
        Exchange first = template.request("direct:create-session", e -> {
            e.getMessage().setBody(BODY);
            e.getMessage().setHeader("Idempotency-Key", key);
        });
        Exchange second = template.request("direct:create-session", e -> {
            e.getMessage().setBody(BODY.getBytes());
            e.getMessage().setHeader("Idempotency-Key", key);
        });
        Exchange other = template.request("direct:create-session", e -> {
            e.getMessage().setBody(BODY.replace("order-42", "order-9"));
            e.getMessage().setHeader("Idempotency-Key", key);
        });
        Exchange invalid = template.request("direct:create-session", e -> {
            e.getMessage().setBody(BODY);
            e.getMessage().setHeader("Idempotency-Key", "clé");
        });
        assertEquals(201, first.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals(201, second.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals(first.getMessage().getBody(String.class), second.getMessage().getBody(String.class));
        assertEquals("true", second.getMessage().getHeader("Idempotent-Replayed"));
        assertEquals(null, first.getMessage().getHeader("Idempotent-Replayed"));
        assertEquals(422, other.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("Idempotency-Key", text(json(other.getMessage().getBody(String.class)), "error.field"));
        assertEquals(400, invalid.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("Idempotency-Key", text(json(invalid.getMessage().getBody(String.class)), "error.field"));
        assertEquals(1, providers.received().size());
        assertNotEquals(null, text(json(first.getMessage().getBody(String.class)), "session.id"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return adapter.send(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUpstreamRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (providers.received().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stub received " + providers.received().size() + " requests, not " + count);
            }
            Thread.sleep(10);
        }
    }
}
