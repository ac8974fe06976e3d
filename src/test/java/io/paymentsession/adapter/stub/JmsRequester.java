package io.paymentsession.adapter.stub;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Collections;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A JMS requester, as a caller of the JMS door is: it sends to the door's queue with JMSReplyTo a temporary queue of
 * its own, and reads the reply there. Its main sends one request and prints the reply (README "The JMS door"):
 * {@code java -cp ... io.paymentsession.adapter.stub.JmsRequester <broker-url> <user> <queue> <json> [IdempotencyKey]},
 * the password from the environment variable JMS_PASSWORD.
 */
public final class JmsRequester implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final Queue replyTo;
    private final MessageConsumer replies;

    public JmsRequester(String brokerUrl, String user, String password, String queue) throws JMSException {
        factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue(queue));
        replyTo = session.createTemporaryQueue();
        replies = session.createConsumer(replyTo);
    }

    public static void main(String[] args) throws Exception {
        try (JmsRequester requester = new JmsRequester(args[0], args[1], System.getenv("JMS_PASSWORD"), args[2])) {
            TextMessage request = requester.text(args[3]);
            request.setJMSCorrelationID("demo-" + System.currentTimeMillis());
            if (args.length > 4) {
                request.setStringProperty("IdempotencyKey", args[4]);
            }
            TextMessage reply = requester.call(request);
            System.out.println("request JMSCorrelationID=" + request.getJMSCorrelationID());
            System.out.println("reply   JMSCorrelationID=" + reply.getJMSCorrelationID());
            for (Object name : Collections.list(reply.getPropertyNames())) {
                if (!((String) name).startsWith("_") && !((String) name).startsWith("JMSX")) {
                    System.out.println("reply   " + name + "=" + reply.getObjectProperty((String) name));
                }
            }
            System.out.println("reply   body=" + reply.getText());
        }
    }

    /** The session, to make messages of other types. */
    public Session session() {
        return session;
    }

    public TextMessage text(String body) throws JMSException {
        return session.createTextMessage(body);
    }

    /** Sends without JMSReplyTo: no reply is expected. */
    public void send(Message request) throws JMSException {
        producer.send(request);
    }

    /** Sends with JMSReplyTo this requester's queue, and returns the reply (null when none came within 10 s). */
    public TextMessage call(Message request) throws JMSException {
        request.setJMSReplyTo(replyTo);
        producer.send(request);
        return (TextMessage) replies.receive(10_000);
    }

    /** The next reply on this requester's queue, or null when none comes within this time. */
    public Message nextReply(long timeoutMs) throws JMSException {
        return replies.receive(timeoutMs);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
