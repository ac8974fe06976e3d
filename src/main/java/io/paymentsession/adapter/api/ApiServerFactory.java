package io.paymentsession.adapter.api;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * Camel Main takes its HTTP server factory from the registry first: this one builds the API server
 * ({@code camel.server.*}) as an {@link ApiHttpServer}, and the management server exactly as Camel does.
 * Camel Main asks for the servers before the adapter's configuration runs, so it is bound on {@code Main}
 * itself, and the server finds its settings when it starts.
 */
public final class ApiServerFactory implements MainHttpServerFactory {

    private final DefaultMainHttpServerFactory camelFactory = new DefaultMainHttpServerFactory();
    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties configuration) {
        // Camel's factory reads every camel.server.* key; its server lends that configuration to ours
        MainHttpServer configured = (MainHttpServer) camelFactory.newHttpServer(context, configuration);
        ApiHttpServer server = new ApiHttpServer();
        server.setCamelContext(context);
        server.setConfiguration(configured.getConfiguration());
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext context, HttpManagementServerConfigurationProperties configuration) {
        return camelFactory.newHttpManagementServer(context, configuration);
    }
}
