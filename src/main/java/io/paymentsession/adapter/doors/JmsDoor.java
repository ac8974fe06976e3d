package io.paymentsession.adapter.doors;

import io.paymentsession.adapter.api.CanonicalReplies;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.flow.ExchangeProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMS door (routes/doors/jms.camel.yaml): the {@code jms} component on the configured ActiveMQ Artemis broker,
 * the route's two steps, and its readiness check. Installed only with {@code adapter.doors.jms.enabled=true}; off,
 * nothing of it exists (the route's precondition leaves it out too).
 */
public final class JmsDoor {

    /** The route's id, as routes/doors/jms.camel.yaml names it. */
    public static final String ROUTE_ID = "jms-door";
    /** A JMS property holding the request's Idempotency-Key (JMS property names are Java identifiers: no '-'). */
    public static final String IDEMPOTENCY_KEY_PROPERTY = "IdempotencyKey";
    /** The reply's property holding the HTTP status the HTTP door would have answered (an int). */
    public static final String HTTP_STATUS_PROPERTY = "HttpStatus";
    public static final String RETRY_AFTER_PROPERTY = "RetryAfter";
    public static final String REPLAYED_PROPERTY = "IdempotentReplayed";

    private static final Logger LOG = LoggerFactory.getLogger(JmsDoor.class);

    private JmsDoor() {
    }

    public static void install(CamelContext context, JmsDoorSettings settings) {
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(settings.brokerUrl(), settings.userName(),
                settings.password());
        // the listener container reconnects (every recovery interval); the client's own reconnect would hide an outage
        // from it, and so from readiness
        broker.setReconnectAttempts(0);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(broker);
        jms.setConcurrentConsumers(settings.concurrentConsumers());
        jms.setRecoveryInterval(settings.recoveryIntervalMs());
        // a reply's properties are the door's alone (replyProperties), whichever way the route ended: none of the
        // exchange's headers becomes one (the request's properties, Camel's, Content-Type)
        JmsHeaderFilterStrategy headers = new JmsHeaderFilterStrategy(false);
        headers.setOutFilterPattern(".*");
        jms.setHeaderFilterStrategy(headers);
        jms.setMessageCreatedStrategy((reply, session, exchange, cause) -> replyProperties(reply, exchange));
        context.addComponent("jms", jms);
        String accessPath = "queue:" + settings.queue();
        context.getRegistry().bind("jmsDoorRequest", (Processor) exchange -> request(exchange, accessPath));
        HealthCheckRegistry.get(context).register(new JmsDoorHealth(context, settings.queue()));
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext ctx) {
                broker.close();
            }
        });
        // never the URL: it may hold credentials
        LOG.info("JMS door: consuming queue {} with {} consumers", settings.queue(), settings.concurrentConsumers());
    }

    /**
     * The request as direct:create-session takes it: the message's JSON as bytes, its IdempotencyKey property as the
     * Idempotency-Key header, and no other header (none of the caller's properties goes further, or back in the reply).
     */
    static void request(Exchange exchange, String accessPath) throws JMSException {
        Message message = exchange.getMessage();
        jakarta.jms.Message jms = message.getBody(jakarta.jms.Message.class);
        String idempotencyKey = jms.getStringProperty(IDEMPOTENCY_KEY_PROPERTY);
        exchange.setProperty(ExchangeProperties.ACCESS_METHOD, "JMS");
        exchange.setProperty(ExchangeProperties.ACCESS_PATH, accessPath);
        message.removeHeaders("*");
        if (idempotencyKey != null) {
            message.setHeader("Idempotency-Key", idempotencyKey);
        }
        message.setBody(body(jms));
    }

    private static byte[] body(jakarta.jms.Message jms) throws JMSException {
        if (jms instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : utf8(text.getText());
        }
        if (jms instanceof BytesMessage bytes) {
            // one byte past the limit is enough for the parser's 413; the rest is never copied
            byte[] body = new byte[(int) Math.min(bytes.getBodyLength(), CreateSessionRequestParser.MAX_BODY_BYTES + 1L)];
            bytes.readBytes(body);
            return body;
        }
        // an ObjectMessage is never deserialized, nor a Map- or StreamMessage read
        throw CanonicalException.invalidRequest(
                "A CreateSession message is a JMS TextMessage or BytesMessage holding the canonical JSON.");
    }

    /** Strictly: a lone surrogate is refused, never replaced by '?'. */
    private static byte[] utf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw CanonicalException.invalidRequest("The message text is not valid Unicode (it holds a lone surrogate).");
        }
    }

    /**
     * The reply's properties: the HTTP status as {@value #HTTP_STATUS_PROPERTY} (an int), and where the HTTP door
     * would send them, Retry-After and Idempotent-Replayed under JMS names (property names are Java identifiers).
     * The body is the canonical JSON, as a TextMessage.
     */
    static void replyProperties(jakarta.jms.Message reply, Exchange exchange) {
        Message message = exchange.getMessage();
        try {
            Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status != null) {
                reply.setIntProperty(HTTP_STATUS_PROPERTY, status);
            }
            String retryAfter = message.getHeader("Retry-After", String.class);
            if (retryAfter != null) {
                reply.setStringProperty(RETRY_AFTER_PROPERTY, retryAfter);
            }
            if (message.getHeader(CanonicalReplies.REPLAYED_HEADER) != null) {
                reply.setBooleanProperty(REPLAYED_PROPERTY, true);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set a property of a new JMS message", e);
        }
    }
}
