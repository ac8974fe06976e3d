package io.paymentsession.adapter;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another inbound route (JMS, Kafka, a file poller) calls direct:create-session with the same JSON body
 * and gets the same canonical reply, its HTTP status in a header.
 */
@CamelMainTest(
        propertyPlaceholderLocations = "file:config/application.properties",
        configurationClasses = AdapterConfiguration.class,
        properties = {"camel.server.port=0", "camel.management.enabled=false"})
class DirectCallerTest {

    @EndpointInject("direct:create-session")
    ProducerTemplate createSession;

    @Test
    void createsASessionFromAJsonString() {
        Exchange reply = createSession.request("direct:create-session", e -> e.getMessage()
                .setBody("{\"merchantId\":\"FILE01\",\"correlationId\":\"batch-7\",\"expiresInMinutes\":30}"));
        assertEquals(201, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        JsonNode body = json(reply.getMessage().getBody(String.class));
        assertEquals("SUCCESS", text(body, "result"));
        assertEquals("local", text(body, "provider"));
        assertEquals("batch-7", text(body, "correlationId"));
    }

    @Test
    void refusesABodyThatIsNotJsonTextWithACanonicalError() {
        Exchange reply = createSession.request("direct:create-session",
                e -> e.getMessage().setBody(java.util.Map.of("merchantId", "FILE01")));
        assertEquals(400, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("INVALID_REQUEST", text(json(reply.getMessage().getBody(String.class)), "error.cause"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.paymentsession.adapter.UnreadableBodies#all")
    void refusesABodyItCannotReadAsMalformedJson(String name, byte[] body) {
        Exchange reply = createSession.request("direct:create-session", e -> e.getMessage().setBody(body));
        assertEquals(400, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        JsonNode error = json(reply.getMessage().getBody(String.class));
        assertEquals("INVALID_REQUEST", text(error, "error.cause"));
        assertEquals("ADAPTER", text(error, "error.source"));
        assertNull(text(error, "error.field"), error.toString());
    }

    @Test
    void ignoresAUtf8ByteOrderMark() {
        Exchange reply = createSession.request("direct:create-session",
                e -> e.getMessage().setBody(UnreadableBodies.validWithUtf8ByteOrderMark()));
        assertEquals(201, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void refusesABodyOver64KiBWith413() {
        String big = "{\"merchantId\":\"FILE01\",\"correlationId\":\"" + "x".repeat(70_000) + "\"}";
        Exchange reply = createSession.request("direct:create-session", e -> e.getMessage().setBody(big.getBytes()));
        assertEquals(413, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }
}
