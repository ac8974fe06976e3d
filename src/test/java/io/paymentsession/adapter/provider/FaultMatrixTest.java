package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.FullBacklog;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Action;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every dialect against every way a provider or the network fails, over real sockets: each gives the
 * canonical error the contract demands within its timeout plus a margin, and afterwards no connection
 * and no thread is left behind.
 */
class FaultMatrixTest {

    private static final int RESPONSE_TIMEOUT_MS = 800;
    /** Connect attempts, backoff and reply together, as StubProviders sets call-timeout-ms. */
    private static final int CALL_TIMEOUT_MS = StubProviders.CONNECT_TIMEOUT_MS * 2 + 200 + RESPONSE_TIMEOUT_MS + 200;
    private static final long MARGIN_MS = 2_000;

    private static StubUpstream providers;
    private static FullBacklog fullBacklog;
    private static RunningAdapter adapter;
    private static RunningAdapter refusing;
    private static RunningAdapter connectTimingOut;

    /** One fault: what the provider (or network) does, and the canonical error the caller must get in time. */
    private record Fault(String name, Function<Received, Action> behaviour, int status, String cause, String outcome,
                         long deadlineMs) {
    }

    private static final List<Fault> FAULTS = List.of(
            new Fault("refused connection", null, 503, "UPSTREAM_UNAVAILABLE", "NOT_CREATED", 200),
            new Fault("connect timeout", null, 503, "UPSTREAM_UNAVAILABLE", "NOT_CREATED", 2L * StubProviders.CONNECT_TIMEOUT_MS + 200),
            new Fault("no reply", r -> StubUpstream.neverAnswer(), 504, "UPSTREAM_TIMEOUT", "UNKNOWN", RESPONSE_TIMEOUT_MS),
            new Fault("reply after the timeout", r -> StubUpstream.after(RESPONSE_TIMEOUT_MS + 500,
                    StubProviders.validReply(r, "application/json")), 504, "UPSTREAM_TIMEOUT", "UNKNOWN", RESPONSE_TIMEOUT_MS),
            new Fault("reset mid-body", r -> StubUpstream.resetMidBody(), 502, "SERVER_FAILED", "UNKNOWN", 0),
            new Fault("HTML 502", r -> StubUpstream.reply(502, "text/html", Fixtures.bytes("common/proxy-502.html")),
                    502, "SERVER_FAILED", "UNKNOWN", 0),
            new Fault("truncated body", r -> StubUpstream.closeMidBody(), 502, "SERVER_FAILED", "UNKNOWN", 0),
            new Fault("10 MiB body", r -> StubUpstream.hugeBody(10 * 1024 * 1024), 502, "SERVER_FAILED", "UNKNOWN", 0),
            new Fault("slow drip of bytes", r -> StubUpstream.slowDrip(filled(40), 100), 504, "UPSTREAM_TIMEOUT", "UNKNOWN",
                    CALL_TIMEOUT_MS),
            new Fault("valid reply in the wrong content type", r -> StubProviders.validReply(r, "text/html; charset=UTF-8"),
                    502, "SERVER_FAILED", "UNKNOWN", 0));

    @BeforeAll
    static void start() throws Exception {
        providers = StubUpstream.start(StubProviders.success());
        fullBacklog = new FullBacklog();
        adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), RESPONSE_TIMEOUT_MS));
        refusing = RunningAdapter.start(StubProviders.liveConfig("http://127.0.0.1:" + RunningAdapter.freePort(), RESPONSE_TIMEOUT_MS));
        connectTimingOut = RunningAdapter.start(StubProviders.liveConfig(fullBacklog.url(), RESPONSE_TIMEOUT_MS));
        for (String merchantId : StubProviders.MERCHANTS) {
            assertEquals(201, adapter.postJson(request(merchantId)).statusCode(), "warm-up " + merchantId);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        refusing.close();
        connectTimingOut.close();
        fullBacklog.close();
        providers.close();
    }

    private static String request(String merchantId) {
        return "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"fault\"}";
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) ' ');
        return bytes;
    }

    @TestFactory
    Stream<DynamicTest> everyDialectAgainstEveryFault() {
        long[] baselineThreads = new long[1];
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("baseline", () -> baselineThreads[0] = adapterThreads()));
        for (Fault fault : FAULTS) {
            for (String merchantId : StubProviders.MERCHANTS) {
                tests.add(DynamicTest.dynamicTest(merchantId + ": " + fault.name(), () -> run(fault, merchantId)));
            }
        }
        tests.add(DynamicTest.dynamicTest("no connection and no thread left behind", () -> {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((providers.openConnections() > 0 || adapterThreads() > baselineThreads[0]) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(0, providers.openConnections(), "connections still open at the provider");
            assertTrue(adapterThreads() <= baselineThreads[0],
                    "threads: " + adapterThreads() + " now, " + baselineThreads[0] + " before the matrix");
        }));
        return tests.stream();
    }

    private static void run(Fault fault, String merchantId) throws Exception {
        RunningAdapter target = switch (fault.name()) {
            case "refused connection" -> refusing;
            case "connect timeout" -> connectTimingOut;
            default -> adapter;
        };
        if (fault.behaviour() != null) {
            providers.behave(StubProviders.checkingCredentials(fault.behaviour()));
        }
        long started = System.nanoTime();
        HttpResponse<String> response = target.postJson(request(merchantId));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        if (fault.name().startsWith("valid reply") && merchantId.equals("NVP01")) {
            // the gateway documents no content type for NVP replies: a well-formed form is read whatever it says
            assertEquals(201, response.statusCode(), response.body());
        } else {
            Replies.assertError(response, fault.status(), fault.cause(), "TRANSPORT", fault.outcome());
            assertEquals("fault", text(json(response.body()), "correlationId"));
        }
        assertTrue(elapsedMs <= fault.deadlineMs() + MARGIN_MS,
                fault.name() + " answered after " + elapsedMs + " ms, deadline " + fault.deadlineMs() + " ms + margin");
    }

    /** Live threads of this JVM, less Vert.x's worker pool: a fixed pool that grows to its bound by design. */
    private static long adapterThreads() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(thread -> !thread.getThreadName().startsWith("vert.x-worker-thread"))
                .count();
    }
}
