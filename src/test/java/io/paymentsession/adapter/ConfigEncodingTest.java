package io.paymentsession.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The file named by ADAPTER_CONFIG is read as UTF-8: a Worldline integrator name written in UTF-8 arrives
 * intact in the signed X-GCS-ServerMetaInfo, and the stub still verifies the signature.
 * (config/application.properties: see PackagedJarIT, which needs its own working directory.)
 */
class ConfigEncodingTest {

    static final String INTEGRATOR = "Kassa Zürich – Øresund ✓ 收银台";

    @Test
    void readsAdapterConfigAsUtf8() throws Exception {
        try (StubUpstream worldline = StubUpstream.start(StubProviders.checkingCredentials(StubProviders.success()))) {
            Path config = liveConfigFile(worldline.url(), "adapter.providers.worldline.integrator = " + INTEGRATOR);
            try (RunningAdapter adapter = RunningAdapter.start(Map.of("ADAPTER_CONFIG", config.toString()), Map.of())) {
                HttpResponse<String> created = adapter.postJson("{\"merchantId\":\"WL01\"}");
                assertEquals(201, created.statusCode(), "the stub verified the signature: " + created.body());
                assertTrue(serverMetaInfo(worldline).contains("\"integrator\":\"" + INTEGRATOR + "\""), serverMetaInfo(worldline));
            }
        }
    }

    /** A UTF-8 file with {@link StubProviders#liveConfig} and one more line, written as it is. */
    static Path liveConfigFile(String url, String line) throws IOException {
        Path config = Files.createTempFile("adapter-", ".properties");
        Properties table = new Properties();
        table.putAll(StubProviders.liveConfig(url, 800));
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            table.store(out, null);
            out.write(line + "\n");
        }
        return config;
    }

    static String serverMetaInfo(StubUpstream worldline) {
        return new String(Base64.getDecoder().decode(worldline.lastReceived().header("X-GCS-ServerMetaInfo")), StandardCharsets.UTF_8);
    }
}
