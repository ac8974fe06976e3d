package io.paymentsession.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production layouts' scrubber, line by line, in each log format (text and json): each secret shape is masked,
 * the rest is kept. In json, the captured line is checked as written and as decoded (a value JSON escaped).
 */
class LogScrubbingTest {

    private static final Logger LOG = LogManager.getLogger("scrub-test");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http-outgoing-0 >> Authorization: Basic bWVyY2hhbnQuWDpwdw==|bWVyY2hhbnQuWDpwdw==|http-outgoing-0 >> Authorization: ***",
        "authorization: GCS v1HMAC:5e45c937b9db33ae:J5LjfSBvrQNhu7gG0gvifZt+IWNDReGCmHmBmth6ueI=|J5LjfSBvrQNhu7gG0gvifZt|authorization: ***",
        "headers {Authorization=Bearer tok-123, X-A=1}|tok-123|Authorization=***, X-A=1}",
        "{\"session\":{\"aes256Key\":\"DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM=\",\"id\":\"S1\"}}|DXbdcjSznn|\"aes256Key\":***,\"id\":\"S1\"",
        "{ \"aes256Key\" : \"a+b/c=\" }|a+b/c=|\"aes256Key\" : ***",
        "result=SUCCESS&session.aes256Key=DXbd%2Bcj%3D&session.id=S1|DXbd%2Bcj%3D|session.aes256Key=***&session.id=S1",
        "apiOperation=CREATE_SESSION&apiPassword=p%26w+x&merchant=M|p%26w+x|apiPassword=***&merchant=M",
        "{\"Credentials\":{\"MerchantId\":\"M\",\"Password\":\"two words\"}}|two words|\"Password\":***}}",
        "Found property: adapter.merchants.M.password with value: s3cr3t-value to be used.|s3cr3t-value|with value: *** to be used.",
        "Property with key [env:M_PASSWORD] applied by function [env] -> pw-from-env|pw-from-env|applied by function [env] -> ***",
        "adapter.merchants.WL.secret-api-key=abcDEF123|abcDEF123|secret-api-key=***"})
    void masksTheSecretAndKeepsTheRest(String line, String secret, String kept) {
        for (String format : LogCapture.FORMATS) {
            try (LogCapture capture = LogCapture.atLevel(Level.INFO, format)) {
                LOG.info(line);
                assertFalse(capture.text().contains(secret), capture.text());
                assertFalse(capture.decoded().contains(secret), capture.decoded());
                assertTrue(capture.decoded().contains(kept), format + ": " + capture.decoded());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"Authorization: Basic c2VjcmV0OnB3|c2VjcmV0OnB3", "x aes256Key=Zm9vYmFy y|Zm9vYmFy"})
    void masksSecretsInExceptionsToo(String message, String secret) {
        for (String format : LogCapture.FORMATS) {
            try (LogCapture capture = LogCapture.atLevel(Level.INFO, format)) {
                LOG.error("call failed", new IllegalStateException(message, new RuntimeException(message)));
                String logged = capture.decoded();
                assertTrue(logged.contains("IllegalStateException"), logged);
                assertTrue(logged.contains("at io.paymentsession"), "stack trace kept: " + logged);
                assertTrue(logged.contains("Caused by: java.lang.RuntimeException"), "its cause kept: " + logged);
                assertFalse(logged.contains(secret), logged);
                assertFalse(capture.text().contains(secret), capture.text());
            }
        }
    }

    @Test
    void writesOneEcsObjectPerLineInJson() {
        try (LogCapture capture = LogCapture.atLevel(Level.INFO, "json")) {
            LOG.warn("first\nsecond");
            LOG.error("failed", new IllegalStateException("password=hunter2"));
            List<JsonNode> events = capture.events();
            assertEquals(2, events.size(), capture.text());
            assertEquals("WARN", events.get(0).get("log.level").asText());
            assertEquals("first\nsecond", events.get(0).get("message").asText());
            assertEquals("scrub-test", events.get(0).get("log.logger").asText());
            assertFalse(events.get(0).has("error.type"), "no error members without an exception");
            assertEquals("java.lang.IllegalStateException", events.get(1).get("error.type").asText());
            assertEquals("password=***", events.get(1).get("error.message").asText());
            assertTrue(events.get(1).get("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]{12}Z"));
        }
    }

    @ParameterizedTest
    @CsvSource({"method=POST path=/api/v1/sessions status=201 merchantId=M1 correlationId=order-42"})
    void leavesOrdinaryLinesAlone(String line) {
        try (LogCapture capture = LogCapture.atLevel(Level.INFO)) {
            LOG.info(line);
            assertTrue(List.of(capture.text().split("\n")).stream().anyMatch(l -> l.endsWith(line)), capture.text());
        }
        try (LogCapture capture = LogCapture.atLevel(Level.INFO, "json")) {
            LOG.info(line);
            assertEquals(line, capture.events().get(0).get("message").asText());
        }
    }
}
