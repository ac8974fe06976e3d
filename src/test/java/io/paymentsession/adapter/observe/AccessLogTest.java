package io.paymentsession.adapter.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.Outcome;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void writesPlainValuesAsTheyAre() {
        assertEquals("method=POST path=/api/v1/sessions status=201 latencyMs=12 merchantId=TESTMERCH01 provider=local correlationId=order-42",
                AccessLog.line(new RequestRecord(Operation.CREATE, "POST", "/api/v1/sessions", 201, 12, "TESTMERCH01", "local", "order-42",
                        null, null, null, null, false), null));
    }

    @Test
    void addsTheUpstreamCallAndTheCause() {
        assertEquals("method=POST path=/api/v1/sessions status=504 latencyMs=1012 merchantId=M1 provider=mpgs-rest "
                + "upstreamLatencyMs=1003 cause=UPSTREAM_TIMEOUT correlationId=c",
                AccessLog.line(new RequestRecord(Operation.CREATE, "POST", "/api/v1/sessions", 504, 1012, "M1", "mpgs-rest", "c",
                        Cause.UPSTREAM_TIMEOUT, Outcome.UNKNOWN, null, 1003L, false), null));
        assertEquals("method=POST path=/api/v1/sessions status=403 latencyMs=40 merchantId=M1 provider=worldline "
                + "upstreamStatus=401 upstreamLatencyMs=38 cause=REQUEST_REJECTED",
                AccessLog.line(new RequestRecord(Operation.CREATE, "POST", "/api/v1/sessions", 403, 40, "M1", "worldline", null,
                        Cause.REQUEST_REJECTED, Outcome.NOT_CREATED, 401, 38L, false), null));
    }

    @Test
    void marksWhatASimulatedProviderServed() {
        assertEquals("method=POST path=/api/v1/sessions status=503 latencyMs=3 merchantId=SANDBOX-PAYSECURE provider=paysecure "
                + "upstreamStatus=503 upstreamLatencyMs=2 cause=SERVER_BUSY correlationId=sandbox-busy-1 sandbox=true",
                AccessLog.line(new RequestRecord(Operation.CREATE, "POST", "/api/v1/sessions", 503, 3, "SANDBOX-PAYSECURE",
                        "paysecure", "sandbox-busy-1", Cause.SERVER_BUSY, Outcome.NOT_CREATED, 503, 2L, true), null));
    }

    @Test
    void escapesBidiOverridesAndZeroWidthCharacters() {
        String line = AccessLog.line(new RequestRecord(Operation.CREATE, "POST", "/api/v1/sessions", 400, 1, null, null,
                "abc\u202Edcba\u200Bx\u2066", Cause.INVALID_REQUEST, Outcome.NOT_CREATED, null, null, false), null);
        assertEquals("method=POST path=/api/v1/sessions status=400 latencyMs=1 cause=INVALID_REQUEST correlationId="
                + "\"abc\\u202edcba\\u200bx\\u2066\"", line);
    }

    @Test
    void leavesOutWhatIsNotKnown() {
        assertEquals("method=GET path=/x status=404 latencyMs=0 cause=INVALID_REQUEST",
                AccessLog.line(new RequestRecord(Operation.NONE, "GET", "/x", 404, 0, null, null, null, Cause.INVALID_REQUEST, Outcome.NOT_CREATED, null, null, false), null));
    }

    @Test
    void quotesAndEscapesCallerTextSoNoLineCanBeForged() {
        String forged = "x\n2026-11-21T20:00:00Z INFO access - method=POST status=201 \"quoted\" \\ \u2028";
        String line = AccessLog.line(new RequestRecord(Operation.CREATE, "POST", "/api/v1/sessions", 400, 1, null, null, forged,
                Cause.INVALID_REQUEST, Outcome.NOT_CREATED, null, null, false), null);
        assertEquals("method=POST path=/api/v1/sessions status=400 latencyMs=1 cause=INVALID_REQUEST correlationId="
                + "\"x\\u000a2026-11-21T20:00:00Z INFO access - method=POST status=201 \\\"quoted\\\" \\\\ \\u2028\"", line);
        assertEquals(-1, line.indexOf('\n'));
    }
}
