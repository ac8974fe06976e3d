package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Action;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import io.paymentsession.adapter.stub.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP client settings of config/application.properties (no cookies kept, no redirect followed,
 * the adapter's own User-Agent) on the wire of every dialect, to a provider URL in http and in https.
 */
class OutboundClientTest {

    /** As README and config/application.properties document it. */
    private static final String USER_AGENT = "payment-session-adapter";
    private static final String COOKIE = "gwsession=merchant-a; Path=/; Max-Age=3600";

    @TempDir
    static Path dir;
    private static final Map<String, StubUpstream> STUBS = new HashMap<>();
    private static final Map<String, RunningAdapter> ADAPTERS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        TestCertificates certificates = new TestCertificates(dir);
        Path gateway = certificates.keyStore("gateway", "ip:127.0.0.1");
        Path trusted = certificates.trustStore("adapter-trust", gateway);
        STUBS.put("http", StubUpstream.start(StubProviders.success()));
        STUBS.put("https", StubUpstream.startTls(TestCertificates.serverContext(gateway, null), false, StubProviders.success()));
        for (Map.Entry<String, StubUpstream> stub : STUBS.entrySet()) {
            Map<String, String> config = new HashMap<>(StubProviders.liveConfig(stub.getValue().url(), 2_000));
            for (String provider : List.of("mpgs-rest", "mpgs-nvp", "worldline", "paysecure")) {
                config.put("adapter.providers." + provider + ".trust-store", trusted.toString());
                config.put("adapter.providers." + provider + ".trust-store-password", TestCertificates.PASSWORD);
            }
            ADAPTERS.put(stub.getKey(), RunningAdapter.start(config));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningAdapter adapter : ADAPTERS.values()) {
            adapter.close();
        }
        for (StubUpstream stub : STUBS.values()) {
            stub.close();
        }
    }

    static Stream<Arguments> schemesAndMerchants() {
        return Stream.of("http", "https").flatMap(scheme -> StubProviders.MERCHANTS.stream().map(m -> Arguments.of(scheme, m)));
    }

    private static String request(String merchantId) {
        return "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"order-42\"}";
    }

    private static String contentType(Received request) {
        return request.path().equals(StubProviders.MPGS_NVP_PATH) ? "text/plain" : "application/json";
    }

    /** The stub of that scheme, emptied, doing this from now on. */
    private static StubUpstream stub(String scheme, Function<Received, Action> behaviour) {
        StubUpstream stub = STUBS.get(scheme);
        stub.behave(behaviour);
        stub.clear();
        return stub;
    }

    /** The provider's normal reply in its dialect, after its credential check, with these headers too. */
    private static Function<Received, Action> success(Map<String, String> headers) {
        return StubProviders.checkingCredentials(r -> StubProviders.validReply(r, contentType(r), headers));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemesAndMerchants")
    void aCookieSetOnOneMerchantsReplyIsNeverSentAgain(String scheme, String merchantId) throws Exception {
        StubUpstream stub = stub(scheme, success(Map.of("Set-Cookie", COOKIE)));
        RunningAdapter adapter = ADAPTERS.get(scheme);
        assertEquals(201, adapter.postJson(request(merchantId)).statusCode());
        // another merchant of the same provider (its credentials are refused, but its request is on the wire), then the first again
        adapter.postJson(request("BAD" + merchantId));
        assertEquals(201, adapter.postJson(request(merchantId)).statusCode());
        List<Received> received = stub.received();
        assertEquals(3, received.size());
        for (Received sent : received) {
            assertNull(sent.header("Cookie"), "a provider's cookie came back to it: " + sent.headers());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemesAndMerchants")
    void theUserAgentIsTheAdapters(String scheme, String merchantId) throws Exception {
        StubUpstream stub = stub(scheme, success(Map.of()));
        assertEquals(201, ADAPTERS.get(scheme).postJson(request(merchantId)).statusCode());
        assertEquals(USER_AGENT, stub.lastReceived().header("User-Agent"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemesAndMerchants")
    void aRedirectIsNotFollowed(String scheme, String merchantId) throws Exception {
        String moved = STUBS.get(scheme).url() + "/moved";
        // 307 keeps the method and body: following it would send the credentials somewhere else
        StubUpstream stub = stub(scheme, r -> r.path().startsWith("/moved")
                ? StubProviders.validReply(r, contentType(r))
                : StubUpstream.reply(307, null, Map.of("Location", moved + r.path()), new byte[0]));
        HttpResponse<String> response = ADAPTERS.get(scheme).postJson(request(merchantId));
        assertError(response, 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
        assertEquals(1, stub.received().size(), "the redirect was followed");
    }
}
