package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream TLS against stub providers on loopback with certificates made here: the trust store is
 * configurable, host names are always verified, and a Mastercard merchant can authenticate with the
 * provider's client certificate instead of an API password.
 */
class TlsTest {

    @TempDir
    static Path dir;
    private static Path gateway;
    private static Path otherHost;
    private static Path trusted;
    private static Path merchantCertificate;
    private static Path trustsMerchant;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates certificates = new TestCertificates(dir);
        gateway = certificates.keyStore("gateway", "ip:127.0.0.1");
        otherHost = certificates.keyStore("elsewhere", "dns:gateway.example.com");
        trusted = certificates.trustStore("adapter-trust", gateway, otherHost);
        merchantCertificate = certificates.keyStore("merchant", "dns:merchant.example.com");
        trustsMerchant = certificates.trustStore("gateway-trust", merchantCertificate);
    }

    private static Map<String, String> config(String url, Map<String, String> tls) {
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(url, 800));
        config.putAll(tls);
        return config;
    }

    private static Map<String, String> trusting(String provider) {
        return Map.of("adapter.providers." + provider + ".trust-store", trusted.toString(),
                "adapter.providers." + provider + ".trust-store-password", TestCertificates.PASSWORD);
    }

    @Test
    void aProviderCertificateFromTheConfiguredTrustStoreIsAccepted() throws Exception {
        try (StubUpstream worldline = StubUpstream.startTls(TestCertificates.serverContext(gateway, null), false, StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(config(worldline.url(), trusting("worldline")))) {
            HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"WL01\"}");
            assertEquals(201, response.statusCode(), response.body());
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedBeforeTheRequestLeaves() throws Exception {
        try (StubUpstream worldline = StubUpstream.startTls(TestCertificates.serverContext(gateway, null), false, StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(config(worldline.url(), Map.of()))) {
            assertError(adapter.postJson("{\"merchantId\":\"WL01\"}"), 503, "UPSTREAM_UNAVAILABLE", "TRANSPORT", "NOT_CREATED");
            assertTrue(worldline.received().isEmpty(), "a request went over an unverified connection");
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefusedBeforeTheRequestLeaves() throws Exception {
        try (StubUpstream paysecure = StubUpstream.startTls(TestCertificates.serverContext(otherHost, null), false, StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(config(paysecure.url(), trusting("paysecure")))) {
            assertError(adapter.postJson("{\"merchantId\":\"PS01\"}"), 503, "UPSTREAM_UNAVAILABLE", "TRANSPORT", "NOT_CREATED");
            assertTrue(paysecure.received().isEmpty(), "a request went to a host its certificate does not name");
        }
    }

    @Test
    void aMastercardMerchantAuthenticatesWithTheClientCertificateInsteadOfAPassword() throws Exception {
        try (StubUpstream gatewayStub = StubUpstream.startTls(TestCertificates.serverContext(gateway, trustsMerchant), true,
                request -> request.header("Authorization") == null && !request.bodyText().contains("apiPassword")
                        ? StubProviders.validReply(request, request.path().equals(StubProviders.MPGS_NVP_PATH) ? "text/plain" : "application/json")
                        : StubUpstream.reply(400, "text/plain", "unexpected credentials".getBytes()))) {
            Map<String, String> config = new HashMap<>(config(gatewayStub.url(), Map.of()));
            for (String provider : new String[] {"mpgs-rest", "mpgs-nvp"}) {
                config.putAll(trusting(provider));
                config.put("adapter.providers." + provider + ".key-store", merchantCertificate.toString());
                config.put("adapter.providers." + provider + ".key-store-password", TestCertificates.PASSWORD);
            }
            config.put("adapter.merchants.CERT01.provider", "mpgs-rest");
            config.put("adapter.merchants.CERT01.provider-merchant-id", StubProviders.MPGS_MERCHANT);
            config.put("adapter.merchants.CERTNVP01.provider", "mpgs-nvp");
            config.put("adapter.merchants.CERTNVP01.provider-merchant-id", StubProviders.MPGS_MERCHANT);
            try (RunningAdapter adapter = RunningAdapter.start(config)) {
                HttpResponse<String> rest = adapter.postJson("{\"merchantId\":\"CERT01\"}");
                assertEquals(201, rest.statusCode(), rest.body());
                assertNull(gatewayStub.lastReceived().header("Authorization"), "no password when the certificate authenticates");
                HttpResponse<String> nvp = adapter.postJson("{\"merchantId\":\"CERTNVP01\"}");
                assertEquals(201, nvp.statusCode(), nvp.body());
                assertFalse(gatewayStub.lastReceived().bodyText().contains("apiPassword"), gatewayStub.lastReceived().bodyText());
                assertTrue(gatewayStub.lastReceived().bodyText().startsWith("apiOperation=CREATE_SESSION&merchant=TESTAB2894354"));
            }
        }
    }

    @Test
    void withoutTheClientCertificateTheGatewayRefusesTheHandshake() throws Exception {
        try (StubUpstream gatewayStub = StubUpstream.startTls(TestCertificates.serverContext(gateway, trustsMerchant), true,
                StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(config(gatewayStub.url(), trusting("mpgs-rest")))) {
            // TLS 1.3: the gateway's refusal arrives just after the adapter's side of the handshake. Read while
            // finishing the handshake, nothing left (UNAVAILABLE, NOT_CREATED); read once the request is being
            // written, the adapter cannot tell (SERVER_FAILED, UNKNOWN). Either way the gateway read nothing.
            HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"REST01\"}");
            if (response.statusCode() == 503) {
                assertError(response, 503, "UPSTREAM_UNAVAILABLE", "TRANSPORT", "NOT_CREATED");
            } else {
                assertError(response, 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
            }
            assertTrue(gatewayStub.received().isEmpty(), "no request was read without the client certificate");
        }
    }
}
