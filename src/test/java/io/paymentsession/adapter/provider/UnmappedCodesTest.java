package io.paymentsession.adapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Action;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** Provider errors with a code the dialect's mapper does not know: counted, logged once, the label bounded. */
class UnmappedCodesTest {

    private static final Pattern WARN_LINE = Pattern.compile("(?m)^\\S+ WARN .*Provider (\\S+) answered HTTP (\\d+) with code (\\S+),");
    private static final CreateSessionRequest BARE = new CreateSessionRequest("WL01", "order-42", null, null, null, null, null);

    /**
     * Per merchant, what {@link #unknownCode} answers: a code its dialect's table lacks (the label it counts under),
     * with an HTTP status; and the status the caller gets.
     */
    private record Unknown(String merchant, String provider, String code, int providerStatus, int callerStatus) {
    }

    private static final List<Unknown> UNKNOWN = List.of(
            new Unknown("REST01", "mpgs-rest", "GATEWAY_NEW_CAUSE", 400, 502),
            new Unknown("NVP01", "mpgs-nvp", "GATEWAY_NEW_CAUSE", 400, 502),
            new Unknown("WL01", "worldline", "21000020", 400, 400),
            new Unknown("PS01", "paysecure", "PS1042", 200, 403));

    private static Action unknownCode(Received request) {
        return switch (request.path()) {
            case StubProviders.MPGS_NVP_PATH -> StubUpstream.reply(400, "text/plain;charset=UTF-8",
                    "error.cause=GATEWAY_NEW_CAUSE&error.supportCode=support-ref-77&result=ERROR".getBytes(StandardCharsets.UTF_8));
            case StubProviders.WORLDLINE_PATH -> StubUpstream.reply(400, "application/json", Fixtures.bytes("worldline/error-400-two-errors.json"));
            case StubProviders.PAYSECURE_PATH -> StubUpstream.reply(200, "application/json", Fixtures.bytes("paysecure/error-business.json"));
            default -> StubUpstream.reply(400, "application/json",
                    "{\"error\":{\"cause\":\"GATEWAY_NEW_CAUSE\",\"supportCode\":\"support-ref-77\"},\"result\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Codes every table lists: INVALID_REQUEST, 20000000, Unauthorized. */
    private static Action knownCode(Received request) {
        return switch (request.path()) {
            case StubProviders.MPGS_NVP_PATH -> StubUpstream.reply(400, "text/plain;charset=UTF-8", Fixtures.bytes("mpgs-nvp/error-invalid-field.txt"));
            case StubProviders.WORLDLINE_PATH -> StubUpstream.reply(400, "application/json", Fixtures.bytes("worldline/error-400-parameter-not-found.json"));
            case StubProviders.PAYSECURE_PATH -> StubUpstream.reply(401, "application/json", Fixtures.bytes("paysecure/error-401-unauthorized.json"));
            default -> StubUpstream.reply(400, "application/json", Fixtures.bytes("mpgs-rest/error-invalid-field.json"));
        };
    }

    @Test
    void everyDialectCountsAnUnknownCodeAndLogsItOnceButNotAKnownOne() throws Exception {
        String log;
        String metrics;
        try (StubUpstream providers = StubUpstream.start(StubProviders.checkingCredentials(UnmappedCodesTest::unknownCode));
             LogCapture capture = LogCapture.atLevel(Level.INFO);
             RunningAdapter adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), 2000))) {
            for (Unknown unknown : UNKNOWN) {
                assertEquals(unknown.callerStatus(), adapter.postJson("{\"merchantId\":\"" + unknown.merchant() + "\"}").statusCode());
            }
            String once = metrics(adapter);
            String loggedOnce = capture.text();
            for (Unknown unknown : UNKNOWN) {
                assertEquals(1.0, count(once, unknown.provider(), unknown.code()), unknown.provider());
                assertEquals(List.of(unknown.provider() + " " + unknown.providerStatus() + " " + unknown.code()),
                        warnings(loggedOnce, unknown.provider()), "one WARN line the first time");
            }

            for (Unknown unknown : UNKNOWN) {
                adapter.postJson("{\"merchantId\":\"" + unknown.merchant() + "\"}");
            }
            providers.behave(StubProviders.checkingCredentials(UnmappedCodesTest::knownCode));
            for (Unknown unknown : UNKNOWN) {
                adapter.postJson("{\"merchantId\":\"" + unknown.merchant() + "\"}");
            }
            // credentials refused: Mastercard's 401 and Worldline's 9002 are in their tables too
            for (String merchant : List.of("BADREST01", "BADNVP01", "BADWL01", "BADPS01")) {
                assertEquals(403, adapter.postJson("{\"merchantId\":\"" + merchant + "\"}").statusCode());
            }
            metrics = metrics(adapter);
            log = capture.text();
        }
        for (Unknown unknown : UNKNOWN) {
            assertEquals(2.0, count(metrics, unknown.provider(), unknown.code()), unknown.provider() + ": counted again");
            assertEquals(1, warnings(log, unknown.provider()).size(), unknown.provider() + ": no WARN the second time");
        }
        List<String> series = metrics.lines().filter(line -> line.startsWith("adapter_provider_unmapped_codes_total{")).toList();
        assertEquals(UNKNOWN.size(), series.size(), "known codes count nowhere: " + series);
        String basic = Base64.getEncoder().encodeToString(("merchant." + StubProviders.MPGS_MERCHANT + ":"
                + StubProviders.MPGS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(StubProviders.MPGS_PASSWORD, basic, StubProviders.WORLDLINE_SECRET,
                StubProviders.PAYSECURE_PASSWORD, "v1HMAC:")) {
            assertFalse(log.contains(secret), "a secret in the log: " + secret);
            assertFalse(metrics.contains(secret), "a secret in the metrics: " + secret);
        }
        List<String> warnLines = log.lines().filter(line -> line.contains("which its mapping does not know")).toList();
        assertEquals(UNKNOWN.size(), warnLines.size());
        for (String bodyText : List.of("VALUE_OUT_OF_RANGE", "paymentProductFilters", "pinless", "support-ref-77", "supportCode")) {
            assertTrue(warnLines.stream().noneMatch(line -> line.contains(bodyText)), "no body in a WARN line: " + bodyText);
        }
    }

    @Test
    void theCodeLabelIsBoundedAndTheWarningIsOncePerLabel() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        UnmappedCodes unmappedCodes = new UnmappedCodes(new AdapterMetrics(registry));
        Dialect worldline = Dialects.byId("worldline").orElseThrow();
        String log;
        try (LogCapture capture = LogCapture.atLevel(Level.INFO)) {
            refused(unmappedCodes, worldline, "A".repeat(UnmappedCodes.MAX_CODE_LENGTH));
            refused(unmappedCodes, worldline, "A".repeat(UnmappedCodes.MAX_CODE_LENGTH + 1));
            refused(unmappedCodes, worldline, "has space");
            refused(unmappedCodes, worldline, "quote\\\"d");
            refused(unmappedCodes, worldline, null);
            refused(unmappedCodes, worldline, "9002");
            for (int i = 0; i < UnmappedCodes.MAX_CODES_PER_PROVIDER + 5; i++) {
                refused(unmappedCodes, worldline, "code-" + i);
            }
            refused(unmappedCodes, worldline, "code-0");
            log = capture.text();
        }
        String metrics = registry.scrape();
        assertEquals(1.0, count(metrics, "worldline", "A".repeat(UnmappedCodes.MAX_CODE_LENGTH)));
        // the 40-character code and 99 more fill the 100; the last six of code-0..104 are "other"
        assertEquals(3.0 + 6, count(metrics, "worldline", UnmappedCodes.OTHER), "too long, unsafe, and past the first 100 codes");
        assertEquals(1.0, count(metrics, "worldline", UnmappedCodes.NONE), "an error without a code");
        assertEquals(2.0, count(metrics, "worldline", "code-0"), "a code kept stays kept");
        assertEquals(-1.0, count(metrics, "worldline", "9002"), "a known code");
        assertEquals(UnmappedCodes.MAX_CODES_PER_PROVIDER + 2L, metrics.lines()
                .filter(line -> line.startsWith("adapter_provider_unmapped_codes_total{")).count(), "100 codes, other and none");
        List<String> warned = warnings(log, "worldline");
        assertEquals(UnmappedCodes.MAX_CODES_PER_PROVIDER + 2, warned.size(), "one line per label");
        assertEquals(1, warned.stream().filter(line -> line.endsWith(" other")).count());
        assertFalse(log.contains("has space") || log.contains("A".repeat(UnmappedCodes.MAX_CODE_LENGTH + 1)), "an unsafe code is never logged");
    }

    /** As the provider's reply step does: the dialect's refusal of the reply, observed. */
    private static void refused(UnmappedCodes unmappedCodes, Dialect dialect, String code) {
        String error = code == null ? "{\"id\":\"X\"}" : "{\"code\":\"" + code + "\",\"message\":\"M\"}";
        UpstreamReply reply = new UpstreamReply(400, "application/json", null,
                ("{\"errorId\":\"e\",\"errors\":[" + error + "]}").getBytes(StandardCharsets.UTF_8), null);
        CanonicalException refusal = assertThrows(CanonicalException.class, () -> dialect.reply(BARE, reply));
        unmappedCodes.observe(dialect, reply, refusal.error());
    }

    private static String metrics(RunningAdapter adapter) throws Exception {
        return adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body();
    }

    /** The counter's value, or -1 when it has no such series. */
    private static double count(String metrics, String provider, String code) {
        Matcher line = Pattern.compile("(?m)^adapter_provider_unmapped_codes_total\\{code=\"" + Pattern.quote(code)
                + "\",provider=\"" + Pattern.quote(provider) + "\"} (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    /** "provider status code" of each WARN line about the provider. */
    private static List<String> warnings(String log, String provider) {
        return WARN_LINE.matcher(log).results()
                .filter(match -> match.group(1).equals(provider))
                .map(match -> match.group(1) + " " + match.group(2) + " " + match.group(3))
                .toList();
    }
}
