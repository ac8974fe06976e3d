package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every dialect's success and error flows with the log at DEBUG and Camel's tracer on (it prints every
 * message's headers and body at every step), in each log format: no secret may reach any line.
 */
class ProviderLogLeakTest {

    private static Map<String, String> traced(Map<String, String> config) {
        Map<String, String> traced = new HashMap<>(config);
        traced.put("camel.main.tracing", "true");
        // the provider routes come from a route template, which the tracer skips unless told
        traced.put("camel.main.tracing-templates", "true");
        return traced;
    }

    @ParameterizedTest(name = "LOG_FORMAT={0}")
    @ValueSource(strings = {"text", "json"})
    void noCredentialAuthorizationOrSessionKeyInADebugLogWithTracing(String format) throws Exception {
        List<String> keys = new ArrayList<>();
        String log;
        String written;
        try (StubUpstream providers = StubUpstream.start(StubProviders.success());
             LogCapture capture = LogCapture.atLevel(Level.DEBUG, format);
             RunningAdapter adapter = RunningAdapter.start(traced(StubProviders.liveConfig(providers.url(), 800)))) {
            for (String merchantId : StubProviders.MERCHANTS) {
                for (String prefix : List.of("", "BAD")) {
                    HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer caller-secret-token-4711")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"merchantId\":\"" + prefix + merchantId + "\",\"correlationId\":\"leak-test\"}")));
                    assertEquals(prefix.isEmpty() ? 201 : 403, response.statusCode(), response.body());
                    String key = text(json(response.body()), "session.aes256Key");
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }
            providers.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(400, "application/json",
                    Fixtures.bytes("worldline/error-400-parameter-not-found.json"))));
            adapter.postJson("{\"merchantId\":\"WL01\",\"tokens\":[\"t\"]}");
            adapter.postJson("{\"merchantId\":\"PS01\",\"expiresInMinutes\":5}");
            providers.behave(r -> StubUpstream.resetMidBody());
            adapter.postJson("{\"merchantId\":\"NVP01\"}");
            // in json, each value decoded (as name=value), and the lines as written
            log = capture.decoded();
            written = capture.text();
        }
        assertTrue(log.contains("DEBUG"), "the capture ran at DEBUG");
        // the outbound request travels through the provider route as a typed body, not as Camel headers and bytes:
        // the tracer prints its shape (URL, header names, size), never a header value or the body
        assertTrue(Pattern.compile("OutboundRequest\\[POST \\S+, headers=\\[[^]]*Authorization[^]]*], body=\\d+ bytes]").matcher(log).find(),
                "the tracer printed the outbound messages of the provider routes");
        assertTrue(log.contains("provider=worldline") && log.contains("provider=paysecure"), "the capture saw the flows");
        assertFalse(keys.isEmpty());
        String basic = Base64.getEncoder().encodeToString(("merchant." + StubProviders.MPGS_MERCHANT + ":"
                + StubProviders.MPGS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(StubProviders.MPGS_PASSWORD, basic, StubProviders.WORLDLINE_SECRET,
                StubProviders.PAYSECURE_PASSWORD, "v1HMAC:", "caller-secret-token-4711",
                "DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM", "DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM%3D")) {
            assertFalse(log.contains(secret) || written.contains(secret), "a secret is in the log: " + secret);
        }
        for (String key : keys) {
            assertFalse(log.contains(key) || written.contains(key), "a session key is in the log");
        }
    }
}
