package io.paymentsession.adapter.doors;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.EmbeddedBroker;
import io.paymentsession.adapter.stub.JmsRequester;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JMS door against a real ActiveMQ Artemis broker this test starts on a free port (stub/EmbeddedBroker, user and
 * password checked), the real adapter in live mode with a local merchant and the stub providers. Every request is a
 * JMS message with JMSReplyTo a temporary queue of the test's own, as a JMS requester sends it.
 */
class JmsDoorTest {

    private static final String USER = "adapter";
    private static final String PASSWORD = "jms-Secret-pw-42";
    private static final String QUEUE = "payment-session.create";

    private static EmbeddedBroker broker;
    private static StubUpstream gateway;
    private static RunningAdapter adapter;
    private static JmsRequester requester;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(USER, PASSWORD);
        gateway = StubUpstream.start(StubProviders.success());
        adapter = RunningAdapter.start(config(broker));
        adapter.awaitReady(200);
        requester = requester(broker);
    }

    @AfterAll
    static void stop() throws Exception {
        requester.close();
        adapter.close();
        gateway.close();
        broker.close();
    }

    static Map<String, String> config(EmbeddedBroker broker) {
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(gateway.url(), 2_000));
        config.put("adapter.merchants.LOCAL01.provider", "local");
        config.put("adapter.doors.jms.enabled", "true");
        config.put("adapter.doors.jms.broker-url", broker.url());
        config.put("adapter.doors.jms.user-name", USER);
        config.put("adapter.doors.jms.password", PASSWORD);
        config.put("adapter.doors.jms.queue", QUEUE);
        config.put("adapter.doors.jms.concurrent-consumers", "4");
        config.put("adapter.doors.jms.recovery-interval-ms", "200");
        return config;
    }

    @Test
    void aLocalMerchantsRequestIsAnsweredWithTheCanonicalReplyItsStatusAndItsCorrelationId() throws Exception {
        TextMessage request = requester.text("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"order-1\"}");
        request.setJMSCorrelationID("jms-corr-1");
        TextMessage reply = call(requester, request);
        assertEquals(201, reply.getIntProperty("HttpStatus"));
        assertEquals("jms-corr-1", reply.getJMSCorrelationID());
        JsonNode body = json(reply.getText());
        assertEquals("SUCCESS", text(body, "result"));
        assertEquals("local", text(body, "provider"));
        assertEquals("order-1", text(body, "correlationId"));
        assertEquals(200, adapter.get("/api/v1/sessions/" + text(body, "session.id")).statusCode(),
                "the session is in the store");
    }

    @Test
    void aRequestWithoutJmsCorrelationIdIsAnsweredUnderItsMessageId() throws Exception {
        TextMessage request = requester.text("{\"merchantId\":\"LOCAL01\"}");
        TextMessage reply = call(requester, request);
        assertEquals(201, reply.getIntProperty("HttpStatus"));
        assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
    }

    @Test
    void aProviderMerchantsRequestGoesToItsProviderAndAnIdempotencyKeyReplaysIt() throws Exception {
        gateway.clear();
        String json = "{\"merchantId\":\"REST01\",\"correlationId\":\"order-2\"}";
        TextMessage first = requester.text(json);
        first.setStringProperty("IdempotencyKey", "order-2-create");
        TextMessage created = call(requester, first);
        assertEquals(201, created.getIntProperty("HttpStatus"), created.getText());
        assertEquals("mpgs-rest", text(json(created.getText()), "provider"));
        assertFalse(created.propertyExists("IdempotentReplayed"));

        TextMessage again = requester.text(json);
        again.setStringProperty("IdempotencyKey", "order-2-create");
        TextMessage replayed = call(requester, again);
        assertEquals(201, replayed.getIntProperty("HttpStatus"));
        assertEquals(created.getText(), replayed.getText());
        assertTrue(replayed.getBooleanProperty("IdempotentReplayed"));
        assertEquals(1, gateway.received().size(), "one call to the provider");
    }

    @Test
    void theReplyCarriesNoneOfTheRequestsProperties() throws Exception {
        TextMessage request = requester.text("{\"merchantId\":\"LOCAL01\"}");
        request.setStringProperty("CallerSecret", "not-for-the-reply");
        TextMessage reply = call(requester, request);
        List<String> names = new ArrayList<>();
        reply.getPropertyNames().asIterator().forEachRemaining(name -> names.add((String) name));
        assertFalse(names.contains("CallerSecret"), names.toString());
        assertTrue(names.contains("HttpStatus"), names.toString());
    }

    @Test
    void malformedMessagesGetACanonicalErrorAndAreNeverRedelivered() throws Exception {
        BytesMessage invalidUtf8 = requester.session().createBytesMessage();
        invalidUtf8.writeBytes(new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xC1, (byte) 0xA4, '"', '}'});
        List<Message> malformed = List.of(
                requester.text("{\"merchantId\":\"LOCAL01\",,}"),
                requester.text(""),
                invalidUtf8,
                requester.session().createMapMessage(),
                requester.session().createObjectMessage(new ArrayList<>(List.of("merchantId"))));
        for (Message request : malformed) {
            TextMessage reply = call(requester, request);
            assertEquals(400, reply.getIntProperty("HttpStatus"), request + " " + reply.getText());
            JsonNode error = json(reply.getText());
            assertEquals("INVALID_REQUEST", text(error, "error.cause"));
            assertEquals("ADAPTER", text(error, "error.source"));
            assertNull(text(error, "error.field"));
        }
        TextMessage invalid = call(requester, requester.text("{\"merchantId\":\"LOCAL01\",\"authenticationLimit\":26}"));
        assertEquals(400, invalid.getIntProperty("HttpStatus"));
        assertEquals("authenticationLimit", text(json(invalid.getText()), "error.field"));
        StringBuilder big = new StringBuilder("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"");
        big.append("x".repeat(70_000)).append("\"}");
        BytesMessage tooBig = requester.session().createBytesMessage();
        tooBig.writeBytes(big.toString().getBytes());
        assertEquals(413, call(requester, tooBig).getIntProperty("HttpStatus"));

        assertNull(requester.nextReply(500), "a second reply: a message was redelivered");
        assertEquals(0, broker.unacknowledged(QUEUE), "every message is acknowledged");
    }

    @Test
    void aMessageWithoutReplyToIsLoggedOnceWithoutItsBodyAndDropped() throws Exception {
        try (LogCapture logs = LogCapture.atLevel(Level.INFO)) {
            TextMessage orphan = requester.text("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"orphan-body-7\"}");
            requester.send(orphan);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!logs.text().contains(orphan.getJMSMessageID()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            String messageId = orphan.getJMSMessageID();
            List<String> lines = logs.text().lines().filter(line -> line.contains(messageId)).toList();
            assertEquals(1, lines.size(), logs.text());
            assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains("without JMSReplyTo"), lines.get(0));
            assertFalse(logs.text().contains("orphan-body-7"), "the body is in the log");
            assertEquals(0, broker.unacknowledged(QUEUE), "acknowledged, not left for redelivery");
            assertNull(requester.nextReply(200));
        }
    }

    @Test
    void twoHundredConcurrentRequestsEachGetTheirOwnReply() throws Exception {
        int requests = 200;
        ExecutorService senders = Executors.newFixedThreadPool(8);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), USER, PASSWORD);
        long connectionsBefore = broker.connectionsOpened();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session replies = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replyTo = replies.createTemporaryQueue();
            MessageConsumer consumer = replies.createConsumer(replyTo);
            List<Future<?>> sent = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int first = thread;
                sent.add(senders.submit(() -> {
                    try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
                        for (int i = first; i < requests; i += 8) {
                            TextMessage request = session.createTextMessage(
                                    "{\"merchantId\":\"" + (i % 2 == 0 ? "LOCAL01" : "REST01") + "\",\"correlationId\":\"c-" + i + "\"}");
                            request.setJMSCorrelationID("jms-" + i);
                            request.setJMSReplyTo(replyTo);
                            producer.send(request);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : sent) {
                done.get(30, TimeUnit.SECONDS);
            }
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < requests; i++) {
                TextMessage reply = (TextMessage) consumer.receive(30_000);
                assertNotNull(reply, "reply " + i + " of " + requests);
                assertEquals(201, reply.getIntProperty("HttpStatus"), reply.getText());
                String correlation = reply.getJMSCorrelationID();
                assertEquals(correlation.replace("jms-", "c-"), text(json(reply.getText()), "correlationId"),
                        "the reply to " + correlation + " is another request's");
                assertTrue(answered.add(correlation), "answered twice: " + correlation);
            }
            assertEquals(requests, answered.size());
            assertEquals(connectionsBefore + 1, broker.connectionsOpened(),
                    "only the test's own connection was opened: each reply went out on the adapter's listener session");
        } finally {
            senders.shutdownNow();
            factory.close();
        }
    }

    @Test
    void theBrokerDownAtStartAndRestartedIsInReadinessAndTheDoorReconnectsByItself() throws Exception {
        try (LogCapture logs = LogCapture.atLevel(Level.DEBUG);
             EmbeddedBroker later = EmbeddedBroker.stopped(USER, PASSWORD);
             RunningAdapter door = RunningAdapter.start(config(later))) {
            door.awaitReady(503);
            assertEquals(200, door.send(HttpRequest.newBuilder(door.managementUri("/observe/health/live")).GET()).statusCode());
            HttpResponse<String> http = door.postJson("{\"merchantId\":\"LOCAL01\"}");
            assertEquals(201, http.statusCode(), "the HTTP door serves without the broker: " + http.body());

            later.start();
            door.awaitReady(200);
            try (JmsRequester client = requester(later)) {
                assertEquals(201, call(client, client.text("{\"merchantId\":\"LOCAL01\"}")).getIntProperty("HttpStatus"));
            }

            later.stop();
            door.awaitReady(503);
            later.start();
            door.awaitReady(200);
            try (JmsRequester client = requester(later)) {
                TextMessage reply = call(client, client.text("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"after\"}"));
                assertEquals(201, reply.getIntProperty("HttpStatus"));
                assertEquals("after", text(json(reply.getText()), "correlationId"));
            }
            assertTrue(logs.text().contains("JMS door: consuming queue " + QUEUE), "the door's start line");
            assertFalse(logs.text().contains(PASSWORD), "the broker password is in the log");
            assertFalse(logs.text().contains(PASSWORD.substring(0, 10)), "part of the broker password is in the log");
        }
    }

    @Test
    void offByDefaultTheDoorDoesNotExist() throws Exception {
        try (RunningAdapter plain = RunningAdapter.start(Map.of())) {
            assertNull(plain.context().getRoute(JmsDoor.ROUTE_ID));
            assertNull(plain.context().hasComponent("jms"), "no jms component");
            plain.awaitReady(200);
        }
    }

    static JmsRequester requester(EmbeddedBroker broker) throws JMSException {
        return new JmsRequester(broker.url(), USER, PASSWORD, QUEUE);
    }

    /** The reply to this request; it fails the test when none comes within 10 s. */
    static TextMessage call(JmsRequester requester, Message request) throws JMSException {
        TextMessage reply = requester.call(request);
        assertNotNull(reply, "no reply within 10 s");
        return reply;
    }

}
