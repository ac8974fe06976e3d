package io.paymentsession.adapter;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

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

    @Test
    void refusesABodyOver64KiBWith413() {
        String big = "{\"merchantId\":\"FILE01\",\"correlationId\":\"" + "x".repeat(70_000) + "\"}";
        Exchange reply = createSession.request("direct:create-session", e -> e.getMessage().setBody(big.getBytes()));
        assertEquals(413, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }
}
