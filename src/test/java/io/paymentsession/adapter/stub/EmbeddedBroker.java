package io.paymentsession.adapter.stub;

import io.paymentsession.adapter.RunningAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * A real ActiveMQ Artemis broker of a test's own, in this JVM, listening on a free port of 127.0.0.1 (never 61616),
 * nothing persisted; one user and password, checked on every connection. It can be stopped and started again on the
 * same port, as an outage and its end. Its main runs one until killed (README "The JMS door"):
 * {@code java -cp ... io.paymentsession.adapter.stub.EmbeddedBroker <user> [port]}, the password from JMS_PASSWORD.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final int port;
    private final String user;
    private final String password;
    private final Path directory;
    private EmbeddedActiveMQ server;

    private EmbeddedBroker(int port, String user, String password) throws Exception {
        this.port = port;
        this.user = user;
        this.password = password;
        this.directory = Files.createTempDirectory("artemis-");
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 1 ? Integer.parseInt(args[1]) : RunningAdapter.freePort();
        EmbeddedBroker broker = new EmbeddedBroker(port, args[0], System.getenv("JMS_PASSWORD"));
        broker.start();
        System.out.println("broker listening on " + broker.url());
        Thread.currentThread().join();
    }

    /** A broker not started yet: its port is chosen, nothing listens there until {@link #start()}. */
    public static EmbeddedBroker stopped(String user, String password) throws Exception {
        return new EmbeddedBroker(RunningAdapter.freePort(), user, password);
    }

    public static EmbeddedBroker start(String user, String password) throws Exception {
        EmbeddedBroker broker = stopped(user, password);
        broker.start();
        return broker;
    }

    /** The adapter's adapter.doors.jms.broker-url for this broker. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void start() throws Exception {
        if (server != null) {
            return;
        }
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", url());
        configuration.setBrokerInstance(directory.toFile());
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(configuration);
        embedded.setSecurityManager(new ActiveMQSecurityManager() {
            @Override
            public boolean validateUser(String name, String secret) {
                return user.equals(name) && password.equals(secret);
            }

            @Override
            public boolean validateUserAndRole(String name, String secret, Set<Role> roles, CheckType checkType) {
                return validateUser(name, secret);
            }
        });
        embedded.start();
        server = embedded;
    }

    /** Stops the broker: every connection to it breaks, and its port refuses new ones. Its messages are lost. */
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Messages on the queue not yet acknowledged: waiting, or delivered to a consumer that has not acknowledged them. */
    public long unacknowledged(String queue) {
        Queue found = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    /** Client connections opened on the broker since it started, closed ones included. */
    public long connectionsOpened() {
        return server.getActiveMQServer().getTotalConnectionCount();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
