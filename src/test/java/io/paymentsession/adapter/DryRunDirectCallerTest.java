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

/**
 * Another inbound route calls direct:create-session-dry-run with the create's JSON body and gets the dry run's
 * canonical reply, its status in a header; local mode, as a new user first runs it.
 */
@CamelMainTest(
        propertyPlaceholderLocations = "file:config/application.properties",
        configurationClasses = AdapterConfiguration.class,
        properties = {"camel.server.port=0", "camel.management.enabled=false"})
class DryRunDirectCallerTest {

    @EndpointInject("direct:create-session-dry-run")
    ProducerTemplate dryRun;

    @Test
    void answersWhatTheLocalStoreWouldDo() {
        Exchange reply = dryRun.request("direct:create-session-dry-run", e -> e.getMessage()
                .setBody("{\"merchantId\":\"FILE01\",\"correlationId\":\"batch-7\",\"tokens\":[\"t1\"]}"));
        assertEquals(200, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        JsonNode body = json(reply.getMessage().getBody(String.class));
        assertEquals("DRY_RUN", text(body, "result"));
        assertEquals("local", text(body, "provider"));
        assertEquals("FILE01", text(body, "merchantId"));
        assertEquals("batch-7", text(body, "correlationId"));
        assertEquals("direct:session-store", text(body, "route"));
        assertNull(body.get("upstreamRequest"));
        assertNull(body.get("circuitBreaker"));
        assertNull(body.get("session"));
    }

    @Test
    void refusesAsDirectCreateSessionDoes() {
        for (String invalid : new String[] {"{\"merchantId\":\"FILE01\",\"expiresInMinutes\":0}", "{", "{\"merchantId\":\"has space\"}"}) {
            Exchange create = dryRun.request("direct:create-session", e -> e.getMessage().setBody(invalid));
            Exchange dry = dryRun.request("direct:create-session-dry-run", e -> e.getMessage().setBody(invalid));
            assertEquals(400, dry.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            assertEquals(create.getMessage().getBody(String.class), dry.getMessage().getBody(String.class));
        }
    }
}
