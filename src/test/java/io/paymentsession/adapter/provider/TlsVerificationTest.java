package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream TLS is verified: a gateway whose certificate no trust store vouches for (generated here,
 * for 127.0.0.1) is refused at the handshake, before anything is sent.
 */
class TlsVerificationTest {

    @TempDir
    Path dir;

    @Test
    void anUntrustedGatewayCertificateIsRefusedBeforeTheRequestLeaves() throws Exception {
        try (StubUpstream gateway = StubUpstream.startTls(selfSignedTls(), StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(StubProviders.liveConfig(gateway.url(), 800))) {
            assertTrue(gateway.url().startsWith("https://"));
            HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"REST01\",\"correlationId\":\"tls\"}");
            assertError(response, 503, "UPSTREAM_UNAVAILABLE", "TRANSPORT", "NOT_CREATED");
            assertTrue(gateway.received().isEmpty(), "a request went over an unverified connection");
        }
    }

    private SSLContext selfSignedTls() throws Exception {
        Path keystore = dir.resolve("gateway.p12");
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }
}
