package io.paymentsession.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the adapter ships (src/main/resources/openapi.json) and serves (GET /api/v1/openapi.json) is
 * valid OpenAPI 3.1, and describes what the code really answers: real replies of every kind, from the real adapter in
 * local, sandbox and live mode, are validated against it (status, the contract's headers, body) with Vert.x's OpenAPI
 * validator (vertx-openapi, JSON Schema 2020-12). A status, a member or a header the document lacks fails.
 */
class OpenApiDocumentTest {

    private static final String CREATE = "createSession";
    private static final String DRY_RUN = "dryRun";
    private static final String READ = "readSession";
    private static final String DOCUMENT = "openApiDocument";
    /** The reply headers the contract names: each one a reply carries must be declared for its status. */
    private static final List<String> CONTRACT_HEADERS = List.of("Allow", "Retry-After", "Idempotent-Replayed");
    private static final String SANDBOX_MERCHANTS_PREFIX = "SANDBOX-";
    private static final List<String> DIALECTS = List.of("mpgs-rest", "mpgs-nvp", "worldline", "paysecure");

    private static Vertx vertx;
    private static JsonObject document;
    private static OpenAPIContract contract;
    private static ResponseValidator validator;

    @BeforeAll
    static void loadTheShippedDocument() throws Exception {
        vertx = Vertx.vertx();
        document = new JsonObject(OpenApiDocument.read());
        contract = contractOf(document);
        validator = ResponseValidator.create(vertx, contract);
    }

    @AfterAll
    static void closeVertx() throws Exception {
        await(vertx.close());
    }

    @Test
    void theShippedDocumentIsValidOpenApi31WithEveryOperationAndStatusOfTheContract() throws Exception {
        assertTrue(document.getString("openapi").startsWith("3.1."), document.getString("openapi"));
        // OpenAPIContract.from (contractOf) checked the document against the OAS 3.1 schema (2022-10-07) in the vertx-openapi jar
        assertEquals(OpenAPIVersion.V3_1, contract.getVersion());
        Map<String, List<Integer>> statuses = Map.of(
                CREATE, List.of(201, 400, 403, 405, 408, 409, 413, 414, 415, 422, 431, 500, 502, 503, 504),
                DRY_RUN, List.of(200, 400, 405, 408, 413, 414, 415, 431, 500, 503),
                READ, List.of(200, 400, 404, 405, 408, 413, 414, 431, 500, 503),
                DOCUMENT, List.of(200, 400, 405, 408, 413, 414, 431, 500, 503));
        statuses.forEach((operationId, expected) -> {
            Operation operation = contract.operation(operationId);
            assertNotNull(operation, operationId);
            for (int status : expected) {
                assertNotNull(operation.getResponse(status), operationId + " " + status);
            }
            // the resolved model holds the resolver's annotations too: count the status codes
            assertEquals(expected.size(), operation.getOpenAPIModel().getJsonObject("responses").fieldNames().stream()
                    .filter(name -> name.matches("[1-5][0-9]{2}")).count(), operationId + ": only the statuses the adapter answers");
        });
        assertNotNull(contract.operation(CREATE).getParameters().stream()
                .filter(p -> p.getName().equals("Idempotency-Key")).findFirst().orElse(null), "the Idempotency-Key header");

        // the OAS schema check is real: a document without info, or a response without description, is refused
        JsonObject noInfo = document.copy();
        noInfo.remove("info");
        assertContractRefused(noInfo);
        JsonObject undescribed = document.copy();
        undescribed.getJsonObject("paths").getJsonObject("/api/v1/sessions").getJsonObject("post")
                .getJsonObject("responses").getJsonObject("201").remove("description");
        assertContractRefused(undescribed);
    }

    @Test
    void localModeRepliesMatchTheDocument() throws Exception {
        try (RunningAdapter adapter = RunningAdapter.start(Map.of("adapter.http.body-timeout-ms", "300"))) {
            // the document itself, as shipped, and its 405
            Reply served = Reply.of(adapter.get("/api/v1/openapi.json"));
            assertValid(DOCUMENT, served, 200);
            assertEquals("application/json", served.header("Content-Type"));
            assertEquals(document, new JsonObject(served.body()), "the served document is the shipped one");
            for (String method : List.of("POST", "PUT", "DELETE", "HEAD")) {
                Reply refused = send(adapter, HttpRequest.newBuilder(adapter.uri("/api/v1/openapi.json"))
                        .method(method, HttpRequest.BodyPublishers.noBody()));
                assertEquals("GET", refused.header("Allow"), method);
                if (!method.equals("HEAD")) {
                    assertValid(DOCUMENT, refused, 405);
                }
            }

            String full = "{\"merchantId\":\"TESTMERCH01\",\"correlationId\":\"order-42\",\"authenticationLimit\":25,"
                    + "\"lineOfBusiness\":\"TICKET_SALES\",\"expiresInMinutes\":30,\"tokens\":[\"tok-1\"],"
                    + "\"paymentProductFilters\":{\"restrictTo\":{\"groups\":[\"cards\"],\"products\":[1]},\"exclude\":{\"products\":[2]}}}";
            Reply created = assertValid(CREATE, post(adapter, "/api/v1/sessions", full, null), 201);
            String sessionId = new JsonObject(created.body()).getJsonObject("session").getString("id");
            Reply found = assertValid(READ, Reply.of(adapter.get("/api/v1/sessions/" + sessionId)), 200);
            assertTrue(found.body().contains("\"tokens\":[\"tok-1\"]"), found.body());
            assertValid(DRY_RUN, post(adapter, "/api/v1/sessions/dry-run", full, null), 200);

            for (String invalid : List.of("{\"merchantId\":\"TESTMERCH01\",\"authenticationLimit\":26}",
                    "{\"correlationId\":\"order-1\"}", "{\"merchantId\":\"M1\",\"brand\":\"x\"}", "{\"merchantId\":", "")) {
                assertValid(CREATE, post(adapter, "/api/v1/sessions", invalid, null), 400);
                assertValid(DRY_RUN, post(adapter, "/api/v1/sessions/dry-run", invalid, null), 400);
            }
            assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"merchantId\":\"M1\"}", "bad key"), 400);

            assertValid(READ, Reply.of(adapter.get("/api/v1/sessions/SESSION0000000000000X00000000X0")), 404);
            // any path the API does not have gets the same canonical 404
            assertValid(READ, Reply.of(adapter.get("/api/v2/nothing-here")), 404);

            assertValid(CREATE, Reply.of(adapter.get("/api/v1/sessions")), 405);
            assertValid(DRY_RUN, Reply.of(adapter.get("/api/v1/sessions/dry-run")), 405);
            assertValid(READ, send(adapter, HttpRequest.newBuilder(adapter.uri("/api/v1/sessions/" + sessionId))
                    .DELETE()), 405);

            String tooLarge = "{\"merchantId\":\"M1\",\"correlationId\":\"" + "x".repeat(70_000) + "\"}";
            assertValid(CREATE, post(adapter, "/api/v1/sessions", tooLarge, null), 413);
            assertValid(DRY_RUN, post(adapter, "/api/v1/sessions/dry-run", tooLarge, null), 413);
            for (String path : List.of("/api/v1/sessions", "/api/v1/sessions/dry-run")) {
                assertValid(path.endsWith("dry-run") ? DRY_RUN : CREATE, send(adapter, HttpRequest.newBuilder(adapter.uri(path))
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))), 415);
            }

            String key = "key-" + UUID.randomUUID();
            Reply first = assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"merchantId\":\"M1\",\"correlationId\":\"a\"}", key), 201);
            Reply replayed = assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"correlationId\":\"a\",\"merchantId\":\"M1\"}", key), 201);
            assertEquals("true", replayed.header("Idempotent-Replayed"));
            assertEquals(first.body(), replayed.body());
            assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"merchantId\":\"M1\",\"correlationId\":\"b\"}", key), 422);

            // the HTTP door's own refusals, on bytes no HTTP client sends
            int port = adapter.uri("/").getPort();
            assertValid(READ, raw(port, "GET /api/v1/sessions/%zz HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
            assertValid(CREATE, raw(port, "POST /api/v1/sessions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 20\r\n\r\n{\"merchantId\""), 408);
            assertValid(READ, raw(port, "GET /api/v1/sessions/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: a\r\n\r\n"), 414);
            assertValid(READ, raw(port, "GET /api/v1/sessions/x HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n"), 431);

            // an unexpected failure inside the adapter: a route of the test's that throws, answered by the adapter's
            // own error handling (routes/errors.camel.yaml, CanonicalReplies), as any of its routes would be
            adapter.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/api/v1/sessions-test-failure").routeId("test-unexpected-failure")
                            .routeConfigurationId("canonical-errors")
                            .throwException(new IllegalStateException("a failure the adapter does not expect"));
                }
            });
            assertValid(CREATE, Reply.of(adapter.get("/api/v1/sessions-test-failure")), 500);
        }
    }

    @Test
    void sandboxModeRepliesOfEveryDialectAndEveryProviderOutcomeMatchTheDocument() throws Exception {
        Map<String, String> config = new TreeMap<>();
        config.put("adapter.mode", "sandbox");
        for (String dialect : DIALECTS) {
            config.put("adapter.providers." + dialect + ".breaker-minimum-calls", "1000");
            // sandbox-slow answers after 1 s: under mpgs-rest's timeout (the 409 below), over the others' (their 504)
            config.put("adapter.providers." + dialect + ".response-timeout-ms", dialect.equals("mpgs-rest") ? "3000" : "400");
        }
        Map<String, Integer> outcomes = Map.of("order-1", 201, "sandbox-field-error-1", 400, "sandbox-auth-1", 403,
                "sandbox-busy-1", 503, "sandbox-fail-1", 502, "sandbox-html-1", 502, "sandbox-truncated-1", 502,
                "sandbox-reset-1", 502, "sandbox-unavailable-1", 503);
        try (RunningAdapter adapter = RunningAdapter.start(config)) {
            for (String dialect : DIALECTS) {
                String merchant = SANDBOX_MERCHANTS_PREFIX + dialect.toUpperCase(Locale.ROOT);
                for (Map.Entry<String, Integer> outcome : outcomes.entrySet()) {
                    Reply reply = assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"merchantId\":\"" + merchant
                            + "\",\"correlationId\":\"" + outcome.getKey() + "\",\"tokens\":[\"t\"],\"expiresInMinutes\":30}", null),
                            outcome.getValue());
                    assertTrue(reply.body().contains("\"sandbox\":true"), reply.body());
                }
                if (!dialect.equals("mpgs-rest")) {
                    assertValid(CREATE, post(adapter, "/api/v1/sessions",
                            "{\"merchantId\":\"" + merchant + "\",\"correlationId\":\"sandbox-timeout-1\"}", null), 504);
                }
                Reply dryRun = assertValid(DRY_RUN, post(adapter, "/api/v1/sessions/dry-run",
                        "{\"merchantId\":\"" + merchant + "\",\"tokens\":[\"t\"]}", null), 200);
                assertTrue(dryRun.body().contains("\"upstreamRequest\""), dryRun.body());
            }

            // a final provider error is kept and replayed under its Idempotency-Key
            String key = "key-" + UUID.randomUUID();
            String fieldError = "{\"merchantId\":\"SANDBOX-MPGS-NVP\",\"correlationId\":\"sandbox-field-error-2\"}";
            assertValid(CREATE, post(adapter, "/api/v1/sessions", fieldError, key), 400);
            assertEquals("true", assertValid(CREATE, post(adapter, "/api/v1/sessions", fieldError, key), 400)
                    .header("Idempotent-Replayed"));

            // the same request again while the first is in flight: 409, Retry-After
            String slowKey = "key-" + UUID.randomUUID();
            String slow = "{\"merchantId\":\"SANDBOX-MPGS-REST\",\"correlationId\":\"sandbox-slow-1\"}";
            CompletableFuture<Reply> original = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(adapter, "/api/v1/sessions", slow, slowKey);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertEquals("1", assertValid(CREATE, post(adapter, "/api/v1/sessions", slow, slowKey), 409).header("Retry-After"));
            assertValid(CREATE, original.get(10, TimeUnit.SECONDS), 201);
        }
    }

    @Test
    void liveModeRepliesMatchTheDocument() throws Exception {
        try (StubUpstream providers = StubUpstream.start(StubProviders.samples());
             RunningAdapter adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), 2000))) {
            // the providers' published samples: PaySecure's timestamps, Worldline's client and invalid tokens
            for (String merchant : StubProviders.MERCHANTS) {
                Reply created = assertValid(CREATE, post(adapter, "/api/v1/sessions",
                        "{\"merchantId\":\"" + merchant + "\",\"correlationId\":\"order-7\",\"tokens\":[\"t\"]}", null), 201);
                assertFalse(created.body().contains("\"sandbox\""), created.body());
            }
            assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"merchantId\":\"BADWL01\"}", null), 403);
            assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"merchantId\":\"UNKNOWN01\"}", null), 400);
            // Worldline's own 1409: REQUEST_IN_PROGRESS from the provider, with its Retry-After
            providers.behave(StubProviders.checkingCredentials(request -> StubUpstream.reply(409, "application/json",
                    Map.of("Retry-After", "3"), Fixtures.bytes("worldline/error-409-duplicate-in-progress.json"))));
            Reply inProgress = assertValid(CREATE, post(adapter, "/api/v1/sessions", "{\"merchantId\":\"WL01\"}", null), 409);
            assertTrue(inProgress.body().contains("\"source\":\"PROVIDER\""), inProgress.body());
        }
    }

    @Test
    void aStatusAMemberOrAHeaderTheDocumentLacksFails() throws Exception {
        try (RunningAdapter adapter = RunningAdapter.start(Map.of())) {
            Reply unsupported = send(adapter, HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertValid(CREATE, unsupported, 415);
            // a status the code answers and the document lacks
            JsonObject without415 = document.copy();
            without415.getJsonObject("paths").getJsonObject("/api/v1/sessions").getJsonObject("post")
                    .getJsonObject("responses").remove("415");
            assertRefused(ResponseValidator.create(vertx, contractOf(without415)), CREATE, unsupported, "415");
            assertRefused(validator, CREATE, Reply.of(adapter.get("/api/v1/sessions/SESSION-none")), "404");

            Reply created = post(adapter, "/api/v1/sessions", "{\"merchantId\":\"M1\",\"correlationId\":\"c\"}", null);
            assertValid(CREATE, created, 201);
            // a member the document lacks, a value outside an enum, a null
            assertRefused(validator, CREATE, created.withBody(created.body().replaceFirst("\\{", "{\"debug\":true,")), "debug");
            assertRefused(validator, CREATE, created.withBody(created.body().replace("\"correlationId\":\"c\"", "\"correlationId\":null")),
                    "correlationId");
            Reply refused = post(adapter, "/api/v1/sessions", "{\"merchantId\":\"M1\",\"tokens\":7}", null);
            assertValid(CREATE, refused, 400);
            assertRefused(validator, CREATE, refused.withBody(refused.body().replace("INVALID_REQUEST", "BAD_LUCK")), "cause");
            assertRefused(validator, CREATE, refused.withBody(refused.body().replace("\"retryable\":false", "\"retryable\":true")),
                    "retryable");

            // a header the contract requires, missing
            Reply notAllowed = Reply.of(adapter.get("/api/v1/sessions"));
            assertValid(CREATE, notAllowed, 405);
            assertRefused(validator, CREATE, notAllowed.without("Allow"), "Allow");
        }
    }

    @Test
    void theRequestSchemaAcceptsWhatTheAdapterAcceptsAndRefusesWhatItRefuses() throws Exception {
        JsonSchema requestSchema = contract.operation(CREATE).getRequestBody().getContent().get("application/json").getSchema();
        List<String> bodies = List.of(
                "{\"merchantId\":\"M1\"}",
                "{\"merchantId\":\"M_1-x\",\"correlationId\":\"" + "c".repeat(100) + "\",\"authenticationLimit\":0,"
                        + "\"lineOfBusiness\":\"RETAIL\",\"expiresInMinutes\":0.5,\"tokens\":[\"" + "t".repeat(255) + "\"],"
                        + "\"paymentProductFilters\":{\"restrictTo\":{\"groups\":[\"g\"],\"products\":[2147483647]},\"exclude\":{}}}",
                "{\"merchantId\":\"M1\",\"correlationId\":null,\"authenticationLimit\":null,\"tokens\":null,\"paymentProductFilters\":null}",
                "{\"merchantId\":\"M1\",\"authenticationLimit\":25,\"expiresInMinutes\":1440}",
                "{}",
                "{\"merchantId\":null}",
                "{\"merchantId\":\"" + "M".repeat(41) + "\"}",
                "{\"merchantId\":\"M 1\"}",
                "{\"merchantId\":\"M1\",\"brand\":\"x\"}",
                "{\"merchantId\":\"M1\",\"correlationId\":\"\"}",
                "{\"merchantId\":\"M1\",\"correlationId\":\"" + "c".repeat(101) + "\"}",
                "{\"merchantId\":\"M1\",\"authenticationLimit\":26}",
                "{\"merchantId\":\"M1\",\"authenticationLimit\":2.5}",
                "{\"merchantId\":\"M1\",\"authenticationLimit\":\"5\"}",
                "{\"merchantId\":\"M1\",\"lineOfBusiness\":\"TICKET SALES\"}",
                "{\"merchantId\":\"M1\",\"expiresInMinutes\":0}",
                "{\"merchantId\":\"M1\",\"expiresInMinutes\":1441}",
                "{\"merchantId\":\"M1\",\"tokens\":[\"\"]}",
                "{\"merchantId\":\"M1\",\"tokens\":[" + "\"t\",".repeat(100) + "\"t\"]}",
                "{\"merchantId\":\"M1\",\"paymentProductFilters\":{\"restrictTo\":{\"brands\":[\"x\"]}}}",
                "{\"merchantId\":\"M1\",\"paymentProductFilters\":{\"exclude\":{\"products\":[0]}}}");
        try (RunningAdapter adapter = RunningAdapter.start(Map.of())) {
            for (String body : bodies) {
                int status = post(adapter, "/api/v1/sessions", body, null).status();
                boolean valid = contract.getSchemaRepository().validator(requestSchema).validate(new JsonObject(body)).getValid();
                assertEquals(status == 201, valid, status + " from the adapter, the schema says " + valid + ": " + body);
            }
        }
    }

    @Test
    void theDocumentsGetIsAccessLoggedButNotCountedAndARefusalThereIsCountedAsNone() throws Exception {
        try (RunningAdapter adapter = RunningAdapter.start(Map.of()); LogCapture logs = LogCapture.atLevel(Level.INFO)) {
            assertEquals(200, adapter.get("/api/v1/openapi.json").statusCode());
            assertEquals(405, post(adapter, "/api/v1/openapi.json", "{}", null).status());
            assertTrue(logs.text().contains("method=GET path=/api/v1/openapi.json status=200 "), logs.text());
            assertTrue(logs.text().contains("method=POST path=/api/v1/openapi.json status=405 "), logs.text());
            List<String> counted = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body()
                    .lines().filter(line -> line.startsWith("adapter_requests_total{")).toList();
            assertEquals(List.of("adapter_requests_total{cause=\"INVALID_REQUEST\",operation=\"none\",outcome=\"NOT_CREATED\","
                    + "provider=\"none\",sandbox=\"false\"} 1.0"), counted);
        }
    }

    /** A reply as it came over the wire: status, headers (names as sent), body. */
    private record Reply(int status, Map<String, String> headers, String body) {

        static Reply of(HttpResponse<String> response) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return new Reply(response.statusCode(), headers, response.body());
        }

        /** One reply read off a raw connection (every canonical reply has a Content-Length). */
        static Reply parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, "a reply: " + text);
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }

        String header(String name) {
            return headers.get(name);
        }

        Reply withBody(String changed) {
            return new Reply(status, headers, changed);
        }

        Reply without(String header) {
            Map<String, String> fewer = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            fewer.putAll(headers);
            fewer.remove(header);
            return new Reply(status, fewer, body);
        }
    }

    /**
     * Asserts the reply has this status and is valid against the operation's response for it in the shipped document
     * (a status the document lacks fails), and that each contract header it carries is declared there.
     */
    private static Reply assertValid(String operationId, Reply reply, int status) throws Exception {
        assertEquals(status, reply.status(), reply.body());
        Optional<String> refusal = refusal(validator, operationId, reply);
        refusal.ifPresent(why -> fail(operationId + " " + reply.status() + " does not match the document: " + why
                + "\n" + reply.headers() + "\n" + reply.body()));
        Response response = contract.operation(operationId).getResponse(reply.status());
        List<String> declared = response.getHeaders().stream().map(Parameter::getName).toList();
        for (String name : CONTRACT_HEADERS) {
            if (reply.header(name) != null) {
                assertTrue(declared.contains(name), operationId + " " + reply.status() + " carries " + name
                        + " but the document does not declare it: " + declared);
            }
        }
        return reply;
    }

    private static void assertRefused(ResponseValidator against, String operationId, Reply reply, String mentioning)
            throws Exception {
        Optional<String> refusal = refusal(against, operationId, reply);
        assertTrue(refusal.isPresent(), "should not match the document: " + reply.status() + " " + reply.body());
        assertTrue(refusal.get().contains(mentioning), refusal.get());
    }

    /** Why the validator refuses the reply, with the schema errors; empty when it is valid. */
    private static Optional<String> refusal(ResponseValidator against, String operationId, Reply reply) throws Exception {
        String contentType = reply.header("Content-Type");
        ValidatableResponse response = ValidatableResponse.create(reply.status(), reply.headers(),
                reply.body().isEmpty() ? null : Buffer.buffer(reply.body()), contentType);
        try {
            await(against.validate(response, operationId));
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable why = e.getCause();
            String errors = why instanceof SchemaValidationException invalid && invalid.getOutputUnit() != null
                    ? invalid.getOutputUnit().getErrors() == null ? "" : invalid.getOutputUnit().getErrors().stream()
                            .map(unit -> unit.getInstanceLocation() + " " + unit.getError()).collect(Collectors.joining("; "))
                    : "";
            return Optional.of(why.getMessage() + " " + errors);
        }
    }

    private static OpenAPIContract contractOf(JsonObject json) throws Exception {
        return await(OpenAPIContract.from(vertx, json.copy()));
    }

    private static void assertContractRefused(JsonObject json) {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> contractOf(json));
        assertTrue(refused.getCause().getMessage().contains("invalid"), refused.getCause().getMessage());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Reply post(RunningAdapter adapter, String path, String json, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(adapter.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(adapter, request);
    }

    private static Reply send(RunningAdapter adapter, HttpRequest.Builder request) throws Exception {
        return Reply.of(adapter.send(request));
    }

    private static Reply raw(int port, String bytes) throws Exception {
        try (RawConnection connection = new RawConnection(port)) {
            return Reply.parse(connection.send(bytes).readOneReply(5_000).text());
        }
    }
}
