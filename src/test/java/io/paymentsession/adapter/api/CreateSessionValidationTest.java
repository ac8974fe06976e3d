package io.paymentsession.adapter.api;

import static io.paymentsession.adapter.Replies.assertError;
import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.UnreadableBodies;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the contract's field table, each field at and past its bounds, over real HTTP. */
class CreateSessionValidationTest {

    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        adapter = RunningAdapter.start(Map.of());
    }

    @AfterAll
    static void stop() {
        adapter.close();
    }

    /** A request with merchantId M1 and correlationId c-1 plus one more member (raw JSON). */
    private static String with(String member) {
        return "{\"merchantId\":\"M1\",\"correlationId\":\"c-1\"" + (member.isEmpty() ? "" : "," + member) + "}";
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private static String jsonArray(int items, String item) {
        return IntStream.range(0, items).mapToObj(i -> item).collect(Collectors.joining(",", "[", "]"));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("merchantId of 40 characters", "{\"merchantId\":\"" + repeat("a", 38) + "_-\"}"),
                Arguments.of("correlationId of 1 character", "{\"merchantId\":\"M1\",\"correlationId\":\"x\"}"),
                Arguments.of("correlationId of 100 characters", "{\"merchantId\":\"M1\",\"correlationId\":\"" + repeat("x", 100) + "\"}"),
                Arguments.of("correlationId of 100 emoji (200 UTF-16 units)", "{\"merchantId\":\"M1\",\"correlationId\":\"" + repeat("\uD83D\uDE00", 100) + "\"}"),
                Arguments.of("correlationId with control characters and quotes", "{\"merchantId\":\"M1\",\"correlationId\":\"a\\n\\u0000\\\"b\"}"),
                Arguments.of("authenticationLimit 0", with("\"authenticationLimit\":0")),
                Arguments.of("authenticationLimit 25", with("\"authenticationLimit\":25")),
                Arguments.of("lineOfBusiness of 100 characters", with("\"lineOfBusiness\":\"" + repeat("L", 100) + "\"")),
                Arguments.of("expiresInMinutes 0.5", with("\"expiresInMinutes\":0.5")),
                Arguments.of("expiresInMinutes 1440", with("\"expiresInMinutes\":1440")),
                Arguments.of("tokens empty", with("\"tokens\":[]")),
                Arguments.of("tokens 100 items of 255 characters", with("\"tokens\":" + jsonArray(100, "\"" + repeat("t", 255) + "\""))),
                Arguments.of("paymentProductFilters full", with("\"paymentProductFilters\":{\"restrictTo\":{\"groups\":[\"cards\"],\"products\":[1,2]},\"exclude\":{\"groups\":[],\"products\":[3]}}")),
                Arguments.of("paymentProductFilters empty", with("\"paymentProductFilters\":{}")),
                Arguments.of("optional field null is absent", with("\"lineOfBusiness\":null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsValues(String name, String body) throws Exception {
        HttpResponse<String> response = adapter.postJson(body);
        assertEquals(201, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("SUCCESS", text(reply, "result"));
        assertEquals(text(json(body), "correlationId"), text(reply, "correlationId"), "correlationId echoed");
    }

    static Stream<Arguments> refused() {
        List<Arguments> cases = new ArrayList<>(List.of(
                // merchantId: required, ^[0-9A-Za-z_-]{1,40}$
                Arguments.of("merchantId missing", "{\"correlationId\":\"c-1\"}", "merchantId", "MISSING"),
                Arguments.of("merchantId null", "{\"merchantId\":null,\"correlationId\":\"c-1\"}", "merchantId", "MISSING"),
                Arguments.of("merchantId empty", "{\"merchantId\":\"\",\"correlationId\":\"c-1\"}", "merchantId", "INVALID"),
                Arguments.of("merchantId of 41 characters", "{\"merchantId\":\"" + repeat("a", 41) + "\",\"correlationId\":\"c-1\"}", "merchantId", "INVALID"),
                Arguments.of("merchantId with a dot", "{\"merchantId\":\"a.b\",\"correlationId\":\"c-1\"}", "merchantId", "INVALID"),
                Arguments.of("merchantId with a slash", "{\"merchantId\":\"a/../b\",\"correlationId\":\"c-1\"}", "merchantId", "INVALID"),
                Arguments.of("merchantId a number", "{\"merchantId\":42,\"correlationId\":\"c-1\"}", "merchantId", "INVALID"),
                // correlationId: 1-100 characters
                Arguments.of("correlationId empty", "{\"merchantId\":\"M1\",\"correlationId\":\"\"}", "correlationId", "INVALID"),
                Arguments.of("correlationId of 101 characters", "{\"merchantId\":\"M1\",\"correlationId\":\"" + repeat("x", 101) + "\"}", "correlationId", "INVALID"),
                Arguments.of("correlationId a number", "{\"merchantId\":\"M1\",\"correlationId\":7}", "correlationId", "INVALID"),
                Arguments.of("correlationId a lone surrogate", "{\"merchantId\":\"M1\",\"correlationId\":\"\\ud800\"}", "correlationId", "INVALID"),
                // authenticationLimit: integer 0-25
                Arguments.of("authenticationLimit -1", with("\"authenticationLimit\":-1"), "authenticationLimit", "INVALID"),
                Arguments.of("authenticationLimit 26", with("\"authenticationLimit\":26"), "authenticationLimit", "INVALID"),
                Arguments.of("authenticationLimit 2.5", with("\"authenticationLimit\":2.5"), "authenticationLimit", "INVALID"),
                Arguments.of("authenticationLimit a string", with("\"authenticationLimit\":\"5\""), "authenticationLimit", "INVALID"),
                Arguments.of("authenticationLimit huge", with("\"authenticationLimit\":99999999999999999999"), "authenticationLimit", "INVALID"),
                // lineOfBusiness: 1-100 characters, no whitespace
                Arguments.of("lineOfBusiness empty", with("\"lineOfBusiness\":\"\""), "lineOfBusiness", "INVALID"),
                Arguments.of("lineOfBusiness of 101 characters", with("\"lineOfBusiness\":\"" + repeat("L", 101) + "\""), "lineOfBusiness", "INVALID"),
                Arguments.of("lineOfBusiness with a space", with("\"lineOfBusiness\":\"TICKET SALES\""), "lineOfBusiness", "INVALID"),
                Arguments.of("lineOfBusiness with a tab", with("\"lineOfBusiness\":\"TICKET\\tSALES\""), "lineOfBusiness", "INVALID"),
                Arguments.of("lineOfBusiness with a no-break space", with("\"lineOfBusiness\":\"TICKET\\u00a0SALES\""), "lineOfBusiness", "INVALID"),
                Arguments.of("lineOfBusiness a number", with("\"lineOfBusiness\":5"), "lineOfBusiness", "INVALID"),
                // expiresInMinutes: number, > 0, <= 1440
                Arguments.of("expiresInMinutes 0", with("\"expiresInMinutes\":0"), "expiresInMinutes", "INVALID"),
                Arguments.of("expiresInMinutes negative", with("\"expiresInMinutes\":-5"), "expiresInMinutes", "INVALID"),
                Arguments.of("expiresInMinutes 1440.001", with("\"expiresInMinutes\":1440.001"), "expiresInMinutes", "INVALID"),
                Arguments.of("expiresInMinutes 1e400", with("\"expiresInMinutes\":1e400"), "expiresInMinutes", "INVALID"),
                Arguments.of("expiresInMinutes a string", with("\"expiresInMinutes\":\"15\""), "expiresInMinutes", "INVALID"),
                // tokens: at most 100 strings of 1-255 characters
                Arguments.of("tokens 101 items", with("\"tokens\":" + jsonArray(101, "\"t\"")), "tokens", "INVALID"),
                Arguments.of("tokens item empty", with("\"tokens\":[\"\"]"), "tokens", "INVALID"),
                Arguments.of("tokens item of 256 characters", with("\"tokens\":[\"" + repeat("t", 256) + "\"]"), "tokens", "INVALID"),
                Arguments.of("tokens item a number", with("\"tokens\":[1]"), "tokens", "INVALID"),
                Arguments.of("tokens not an array", with("\"tokens\":\"t\""), "tokens", "INVALID"),
                // paymentProductFilters: {restrictTo, exclude} of {groups: [string], products: [integer]}
                Arguments.of("paymentProductFilters not an object", with("\"paymentProductFilters\":[]"), "paymentProductFilters", "INVALID"),
                Arguments.of("paymentProductFilters unknown member", with("\"paymentProductFilters\":{\"include\":{}}"), "paymentProductFilters.include", "UNSUPPORTED"),
                Arguments.of("restrictTo unknown member", with("\"paymentProductFilters\":{\"restrictTo\":{\"brands\":[]}}"), "paymentProductFilters.restrictTo.brands", "UNSUPPORTED"),
                Arguments.of("restrictTo not an object", with("\"paymentProductFilters\":{\"restrictTo\":\"cards\"}"), "paymentProductFilters.restrictTo", "INVALID"),
                Arguments.of("groups not strings", with("\"paymentProductFilters\":{\"restrictTo\":{\"groups\":[1]}}"), "paymentProductFilters.restrictTo.groups", "INVALID"),
                Arguments.of("products not integers", with("\"paymentProductFilters\":{\"exclude\":{\"products\":[\"1\"]}}"), "paymentProductFilters.exclude.products", "INVALID"),
                Arguments.of("products fractional", with("\"paymentProductFilters\":{\"exclude\":{\"products\":[1.5]}}"), "paymentProductFilters.exclude.products", "INVALID"),
                Arguments.of("products zero", with("\"paymentProductFilters\":{\"exclude\":{\"products\":[0]}}"), "paymentProductFilters.exclude.products", "INVALID"),
                // any other top-level field
                Arguments.of("unknown field", with("\"amount\":100"), "amount", "UNSUPPORTED"),
                Arguments.of("field name in another case", with("\"MerchantId\":\"M2\""), "MerchantId", "UNSUPPORTED")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesFieldRule(String name, String body, String field, String validationType) throws Exception {
        HttpResponse<String> response = adapter.postJson(body);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("ERROR", text(reply, "result"));
        assertEquals("INVALID_REQUEST", text(reply, "error.cause"));
        assertEquals("ADAPTER", text(reply, "error.source"));
        assertEquals(field, text(reply, "error.field"));
        assertEquals(validationType, text(reply, "error.validationType"));
        assertEquals("false", text(reply, "error.retryable"));
        assertEquals("NOT_CREATED", text(reply, "error.outcome"));
        if (!field.equals("correlationId")) {
            assertEquals("c-1", text(reply, "correlationId"), "a valid correlationId is echoed on every error");
        }
        assertFalse(response.body().contains("null"), "no null in a reply: " + response.body());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty body", ""),
                Arguments.of("truncated object", "{\"merchantId\":\"M1\""),
                Arguments.of("duplicate key", "{\"merchantId\":\"M1\",\"merchantId\":\"M2\"}"),
                Arguments.of("trailing content", "{\"merchantId\":\"M1\"} {}"),
                Arguments.of("an array", "[{\"merchantId\":\"M1\"}]"),
                Arguments.of("a string", "\"M1\""),
                Arguments.of("single quotes", "{'merchantId':'M1'}"),
                Arguments.of("comment", "{\"merchantId\":\"M1\" /* x */}"),
                Arguments.of("NaN", "{\"merchantId\":\"M1\",\"expiresInMinutes\":NaN}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedJsonWithoutField(String name, String body) throws Exception {
        HttpResponse<String> response = adapter.postJson(body);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("INVALID_REQUEST", text(reply, "error.cause"));
        assertNull(text(reply, "error.field"));
        assertNull(text(reply, "error.validationType"));
    }

    @Test
    void refusesInvalidUtf8AsMalformed() throws Exception {
        byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("INVALID_REQUEST", text(json(response.body()), "error.cause"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.paymentsession.adapter.UnreadableBodies#all")
    void refusesABodyItCannotReadAsMalformedJsonWithOneLogLine(String name, byte[] body) throws Exception {
        HttpResponse<String> response;
        String log;
        try (LogCapture capture = LogCapture.atLevel(Level.INFO)) {
            response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            log = capture.text();
        }
        JsonNode reply = assertError(response, 400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        assertEquals("false", text(reply, "error.retryable"));
        assertNull(text(reply, "error.field"), response.body());
        assertNull(text(reply, "error.validationType"), response.body());
        assertEquals(1, log.lines().count(), "one access line, no more:\n" + log);
        assertTrue(log.contains(" INFO "), log);
    }

    @Test
    void ignoresAUtf8ByteOrderMark() throws Exception {
        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(UnreadableBodies.validWithUtf8ByteOrderMark())));
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("c-1", text(json(response.body()), "correlationId"));
    }

    @Test
    void refusesOtherMethodsWith405AndAllow() throws Exception {
        HttpResponse<String> get = adapter.get("/api/v1/sessions");
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
        assertEquals("INVALID_REQUEST", text(json(get.body()), "error.cause"));

        HttpResponse<String> delete = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions/SESSION1")).DELETE());
        assertEquals(405, delete.statusCode());
        assertEquals("GET", delete.headers().firstValue("Allow").orElse(null));
        assertEquals("INVALID_REQUEST", text(json(delete.body()), "error.cause"));
    }

    @Test
    void acceptsABodyOfExactly64KiBAndRefusesOneByteMoreWith413() throws Exception {
        String prefix = "{\"merchantId\":\"M1\",\"correlationId\":\"";
        String suffix = "\"}";
        // exactly 65536 bytes: the correlationId is too long, so the body was read and judged (400), not cut off
        String atLimit = prefix + repeat("x", 65536 - prefix.length() - suffix.length()) + suffix;
        assertEquals(65536, atLimit.length());
        HttpResponse<String> read = adapter.postJson(atLimit);
        assertEquals(400, read.statusCode(), read.body());
        assertEquals("correlationId", text(json(read.body()), "error.field"));

        HttpResponse<String> tooLarge = adapter.postJson(atLimit + " ");
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        JsonNode reply = json(tooLarge.body());
        assertEquals("INVALID_REQUEST", text(reply, "error.cause"));
        assertEquals("application/json", tooLarge.headers().firstValue("Content-Type").orElse(null));
    }

    static Stream<Arguments> mediaTypes() {
        return Stream.of(
                Arguments.of("text/plain", 415),
                Arguments.of("application/x-www-form-urlencoded", 415),
                Arguments.of("application/json; charset=ISO-8859-1", 415),
                Arguments.of("application/json;charset=UTF-8", 201),
                Arguments.of("Application/JSON; charset=\"utf-8\"", 201));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("mediaTypes")
    void checksTheMediaType(String contentType, int status) throws Exception {
        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"M1\"}")));
        assertEquals(status, response.statusCode(), response.body());
        if (status == 415) {
            assertEquals("INVALID_REQUEST", text(json(response.body()), "error.cause"));
        }
    }

    @Test
    void refusesAMissingContentTypeWith415() throws Exception {
        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"M1\"}")));
        assertEquals(415, response.statusCode(), response.body());
    }

    @Test
    void answersAnUnknownPathWithACanonical404() throws Exception {
        HttpResponse<String> response = adapter.get("/api/v2/nothing");
        assertEquals(404, response.statusCode());
        assertEquals("INVALID_REQUEST", text(json(response.body()), "error.cause"));
    }

    @Test
    void neverEchoesTheCallersHeaders() throws Exception {
        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic c2VjcmV0OnNlY3JldA==")
                .header("Cookie", "session=abc")
                .header("X-Custom", "echo-me")
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"M1\"}")));
        assertEquals(201, response.statusCode());
        Map<String, List<String>> headers = response.headers().map();
        for (String name : headers.keySet()) {
            assertFalse(List.of("authorization", "cookie", "x-custom").contains(name.toLowerCase()), "echoed header " + name);
        }
        assertTrue(headers.keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("camel")), "no Camel header leaks: " + headers);
    }
}
