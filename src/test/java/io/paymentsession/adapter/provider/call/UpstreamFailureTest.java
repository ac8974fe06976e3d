package io.paymentsession.adapter.provider.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ConnectTimeoutException;
import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.Outcome;
import io.paymentsession.adapter.provider.call.UpstreamFailure.CallTimeout;
import io.paymentsession.adapter.provider.call.UpstreamFailure.ReplyTooLarge;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failures the Vert.x web client reports, including those loopback cannot produce (DNS, connect timeout):
 * what decides is whether the request had left, then what the failure was.
 */
class UpstreamFailureTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), false, Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new UnknownHostException("gateway.invalid"), false, Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new ConnectTimeoutException("connection timed out"), false, Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), false, Cause.UPSTREAM_UNAVAILABLE,
                        Outcome.NOT_CREATED),
                // no connection in time from the pool: still nothing sent
                Arguments.of(new NoStackTraceTimeoutException("getting a connection"), false, Cause.UPSTREAM_UNAVAILABLE,
                        Outcome.NOT_CREATED),
                Arguments.of(new StreamResetException(0, new CallTimeout(100)), false, Cause.UPSTREAM_UNAVAILABLE, Outcome.NOT_CREATED),
                Arguments.of(new NoStackTraceTimeoutException("idle"), true, Cause.UPSTREAM_TIMEOUT, Outcome.UNKNOWN),
                Arguments.of(new StreamResetException(0, new CallTimeout(100)), true, Cause.UPSTREAM_TIMEOUT, Outcome.UNKNOWN),
                Arguments.of(new StreamResetException(0, new ReplyTooLarge(1024)), true, Cause.SERVER_FAILED, Outcome.UNKNOWN),
                Arguments.of(new HttpClosedException("Connection was closed"), true, Cause.SERVER_FAILED, Outcome.UNKNOWN),
                Arguments.of(new IOException("Connection reset by peer"), true, Cause.SERVER_FAILED, Outcome.UNKNOWN),
                Arguments.of(new VertxException("Connection was closed"), true, Cause.SERVER_FAILED, Outcome.UNKNOWN));
    }

    @ParameterizedTest(name = "{0} left={1}")
    @MethodSource("failures")
    void classifiesByWhetherTheRequestLeftThenByTheFailure(Throwable failure, boolean left, Cause cause, Outcome outcome) {
        CanonicalError error = new UpstreamFailure(failure, left).canonical().error();
        assertEquals(cause, error.cause());
        assertEquals(ErrorSource.TRANSPORT, error.source());
        assertEquals(outcome, error.outcome());
        assertTrue(error.retryable());
    }

    @Test
    void saysWhatWasCutOffAndNamesWhatWasLost() {
        assertEquals("The provider's reply is larger than 1024 bytes; it was cut off.",
                new UpstreamFailure(new StreamResetException(0, new ReplyTooLarge(1024)), true).canonical().error().explanation());
        assertEquals("The provider's reply was lost after the request was sent (HttpClosedException).",
                new UpstreamFailure(new HttpClosedException("closed"), true).canonical().error().explanation());
        assertEquals("The request could not be sent to the provider (UnknownHostException).",
                new UpstreamFailure(new UnknownHostException("gateway.invalid"), false).canonical().error().explanation());
    }
}
