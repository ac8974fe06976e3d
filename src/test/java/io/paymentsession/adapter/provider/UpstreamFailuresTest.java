package io.paymentsession.adapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.Outcome;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.apache.camel.CamelExchangeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The failures HttpClient throws, including those loopback cannot produce (DNS, connect timeout). */
class UpstreamFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new HttpHostConnectException("Connection refused"), Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new UnknownHostException("gateway.invalid"), Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new ConnectTimeoutException("Connect timed out"), Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new SocketTimeoutException("Read timed out"), Cause.UPSTREAM_TIMEOUT, Outcome.UNKNOWN),
                Arguments.of(new SocketException("Connection reset"), Cause.SERVER_FAILED, Outcome.UNKNOWN),
                Arguments.of(new NoHttpResponseException("failed to respond"), Cause.SERVER_FAILED, Outcome.UNKNOWN),
                Arguments.of(new ConnectionClosedException("Premature end of Content-Length delimited message body"),
                        Cause.SERVER_FAILED, Outcome.UNKNOWN),
                Arguments.of(new CamelExchangeException("wrapped", null, new UnknownHostException("x")),
                        Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void classifiesByWhetherTheRequestLeft(Exception thrown, Cause cause, Outcome outcome) {
        CanonicalError error = UpstreamFailures.toCanonical(thrown).orElseThrow().error();
        assertEquals(cause, error.cause());
        assertEquals(ErrorSource.TRANSPORT, error.source());
        assertEquals(outcome, error.outcome());
        assertTrue(error.retryable());
    }

    @ParameterizedTest
    @MethodSource("notIo")
    void leavesFailuresThatAreNotIoAlone(Exception thrown) {
        assertTrue(UpstreamFailures.toCanonical(thrown).isEmpty());
    }

    static Stream<Exception> notIo() {
        return Stream.of(new IllegalStateException("bug"), new RuntimeException(new IllegalArgumentException("x")));
    }
}
