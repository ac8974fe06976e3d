package io.paymentsession.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The production layout's scrubber, line by line: each secret shape is masked, the rest is kept. */
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
        String logged;
        try (LogCapture capture = LogCapture.atLevel(Level.INFO)) {
            LOG.info(line);
            logged = capture.text();
        }
        assertFalse(logged.contains(secret), logged);
        assertTrue(logged.contains(kept), logged);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"Authorization: Basic c2VjcmV0OnB3|c2VjcmV0OnB3", "x aes256Key=Zm9vYmFy y|Zm9vYmFy"})
    void masksSecretsInExceptionsToo(String message, String secret) {
        String logged;
        try (LogCapture capture = LogCapture.atLevel(Level.INFO)) {
            LOG.error("call failed", new IllegalStateException(message, new RuntimeException(message)));
            logged = capture.text();
        }
        assertTrue(logged.contains("IllegalStateException"), logged);
        assertTrue(logged.contains("at io.paymentsession"), "stack trace kept: " + logged);
        assertFalse(logged.contains(secret), logged);
    }

    @ParameterizedTest
    @CsvSource({"method=POST path=/api/v1/sessions status=201 merchantId=M1 correlationId=order-42"})
    void leavesOrdinaryLinesAlone(String line) {
        try (LogCapture capture = LogCapture.atLevel(Level.INFO)) {
            LOG.info(line);
            assertTrue(List.of(capture.text().split("\n")).stream().anyMatch(l -> l.endsWith(line)), capture.text());
        }
    }
}
