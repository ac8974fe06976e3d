package io.paymentsession.adapter.lifecycle;

import io.paymentsession.adapter.merchant.ConfigurationException;
import io.vertx.core.net.impl.TCPServerBase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The API and management ports: whole numbers from 1 to 65535, free before Camel starts, and really
 * listening once it has. Vert.x reports a failed bind (port in use, or not allowed) only in a log line with
 * a stack trace, and Camel runs on without that server while health says UP.
 */
public final class ServerPorts {

    public static final String API_PORT = "camel.server.port";
    public static final String MANAGEMENT_PORT = "camel.management.port";
    /** Each server's Camel key prefix, and the environment variable that sets its port. */
    private static final Map<String, String> SERVERS = Map.of(
            "camel.server", "HTTP_PORT",
            "camel.management", "MANAGEMENT_PORT");

    private ServerPorts() {
    }

    /**
     * A port number, or 0 for one the system picks (what tests use). Camel would read "80a" as no port at
     * all and silently bind a random one.
     *
     * @param name the key or environment variable the value came from
     */
    public static void checkNumber(String name, String value) {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
            throw new ConfigurationException(name, "must be a port number from 1 to 65535 (or 0: any free port)");
        }
    }

    /** Before Camel starts: each enabled server's port is a number, and can be bound on its host right now. */
    public static void checkBindable(PropertiesComponent properties) {
        SERVERS.forEach((prefix, variable) -> {
            String port = properties.resolveProperty(prefix + ".port").orElse(null);
            if (port == null || properties.resolveProperty(prefix + ".enabled").orElse("true").trim().equals("false")) {
                return;
            }
            checkNumber(prefix + ".port", port.trim());
            String host = properties.resolveProperty(prefix + ".host").orElse("0.0.0.0").trim();
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true); // as Vert.x binds: a port in TIME_WAIT is free
                probe.bind(new InetSocketAddress(host, Integer.parseInt(port.trim())));
            } catch (IOException e) {
                throw cannotListen(prefix, Integer.parseInt(port.trim()));
            }
        });
    }

    /** Once Camel has started: both servers listen (the port may have been taken since the check above). */
    public static void checkListening(CamelContext context) {
        MainHttpServer api = context.hasService(MainHttpServer.class);
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            if (!(server.getServer() instanceof TCPServerBase listener && listener.isListening())) {
                int port = server.getConfigurationPort();
                throw cannotListen(api != null && api.getPort() == port ? "camel.server" : "camel.management", port);
            }
        }
    }

    private static ConfigurationException cannotListen(String prefix, int port) {
        return new ConfigurationException(prefix + ".port (env " + SERVERS.get(prefix) + ")",
                "cannot listen on port " + port + ": it is in use, or not allowed");
    }
}
