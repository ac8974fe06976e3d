package io.paymentsession.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void writesPlainValuesAsTheyAre() {
        assertEquals("method=POST path=/api/v1/sessions status=201 latencyMs=12 merchantId=TESTMERCH01 provider=local correlationId=order-42",
                AccessLog.line("POST", "/api/v1/sessions", 201, 12, "TESTMERCH01", "local", "order-42"));
    }

    @Test
    void leavesOutWhatIsNotKnown() {
        assertEquals("method=GET path=/x status=404 latencyMs=0", AccessLog.line("GET", "/x", 404, 0, null, null, null));
    }

    @Test
    void quotesAndEscapesCallerTextSoNoLineCanBeForged() {
        String forged = "x\n2026-11-21T20:00:00Z INFO access - method=POST status=201 \"quoted\" \\ \u2028";
        String line = AccessLog.line("POST", "/api/v1/sessions", 400, 1, null, null, forged);
        assertEquals("method=POST path=/api/v1/sessions status=400 latencyMs=1 correlationId="
                + "\"x\\u000a2026-11-21T20:00:00Z INFO access - method=POST status=201 \\\"quoted\\\" \\\\ \\u2028\"", line);
        assertEquals(-1, line.indexOf('\n'));
    }
}
