package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.assertError;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Provider addresses where nothing listens: the request never leaves, so no session can exist. */
class ProviderUnreachableTest {

    static final List<String> MERCHANTS = StubProviders.MERCHANTS;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        String nothingListens = "http://127.0.0.1:" + RunningAdapter.freePort();
        adapter = RunningAdapter.start(StubProviders.liveConfig(nothingListens, 800));
    }

    @AfterAll
    static void stop() {
        adapter.close();
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void aRefusedConnectionIsUnavailableAndNotCreated(String merchantId) throws Exception {
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"c-9\"}");
        JsonNode reply = assertError(response, 503, "UPSTREAM_UNAVAILABLE", "TRANSPORT", "NOT_CREATED");
        assertEquals("true", text(reply, "error.retryable"));
        assertEquals("c-9", text(reply, "correlationId"));
    }
}
