package io.paymentsession.adapter.provider.mpgs;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.MpgsGateway;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** Both dialects' success and error flows with the log at DEBUG: no secret may reach any line. */
class MpgsLogLeakTest {

    @Test
    void noPasswordAuthorizationOrSessionKeyInADebugLog() throws Exception {
        List<String> keys = new ArrayList<>();
        String log;
        try (StubUpstream gateway = StubUpstream.start(MpgsGateway.success());
             LogCapture capture = LogCapture.atLevel(Level.DEBUG);
             RunningAdapter adapter = RunningAdapter.start(MpgsRouteTest.liveConfig(gateway.url()))) {
            for (String merchantId : List.of("REST01", "NVP01", "BADREST01", "BADNVP01")) {
                HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer caller-secret-token-4711")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"leak-test\"}")));
                if (!merchantId.startsWith("BAD")) {
                    assertEquals(201, response.statusCode(), response.body());
                    keys.add(text(json(response.body()), "session.aes256Key"));
                }
            }
            gateway.behave(MpgsGateway.checkingCredentials(r -> StubUpstream.reply(400, "application/json",
                    Fixtures.bytes("mpgs-rest/error-invalid-field.json"))));
            adapter.postJson("{\"merchantId\":\"REST01\",\"authenticationLimit\":25}");
            gateway.behave(r -> StubUpstream.resetMidBody());
            adapter.postJson("{\"merchantId\":\"NVP01\"}");
            log = capture.text();
        }
        assertTrue(log.contains("DEBUG"), "the capture ran at DEBUG");
        assertTrue(log.contains("status=201"), "the capture saw the flows");
        String basic = Base64.getEncoder().encodeToString(("merchant." + MpgsGateway.MERCHANT + ":" + MpgsGateway.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(MpgsGateway.PASSWORD, basic, "not-the-password", "caller-secret-token-4711",
                "DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM", "DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM%3D")) {
            assertFalse(log.contains(secret), "a secret is in the log: " + secret);
        }
        for (String key : keys) {
            assertFalse(log.contains(key), "a session key is in the log");
        }
    }
}
