package io.paymentsession.adapter.api;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server (camel.server.*): Camel's platform-http server, with the same router and routes, guarded
 * against hostile clients. Camel 4.18's VertxPlatformHttpServer creates its Vert.x HttpServer with default
 * options and no connection or invalid-request handler, and offers no setting for either; so
 * {@link GuardedServer} overrides only the step that creates and starts the HttpServer, and everything else
 * (router, body handler, platform-http consumers, the management server) stays Camel's. Reaching a
 * connection's Netty pipeline takes two Vert.x internals, {@code ConnectionBase} and
 * {@code VertxHttpRequestDecoder}; HttpDoorTest fails if an upgrade changes them.
 */
public final class ApiHttpServer extends MainHttpServer {

    /** The registry names under which AdapterConfiguration binds what the server needs. */
    public static final String LIMITS_BEAN = "httpLimits";
    public static final String METRICS_BEAN = "adapterMetrics";

    private GuardedServer server;

    /** As MainHttpServer.doInit, with the guarded server in place of Camel's. */
    @Override
    protected void doInit() throws Exception {
        getConfiguration().setServerType(VertxPlatformHttpRouter.SERVER_TYPE_SERVER);
        server = new GuardedServer(getConfiguration());
        getCamelContext().addService(server);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(server);
        // finds the router the guarded server registered (MainHttpServer's own server is never created)
        super.doStart();
    }

    static final class GuardedServer extends VertxPlatformHttpServer {

        private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);

        private final VertxPlatformHttpServerConfiguration configuration;
        private HttpLimits limits;
        private AdapterMetrics metrics;
        private final AtomicInteger openConnections = new AtomicInteger();
        // HTTP/1.1 only: with h2c on, Vert.x builds a connection's pipeline at its first byte, out of the guard's sight
        private final HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        private final List<HttpServer> httpServers = new ArrayList<>();

        GuardedServer(VertxPlatformHttpServerConfiguration configuration) {
            super(configuration);
            this.configuration = configuration;
        }

        @Override
        protected void startServer() throws Exception {
            if (configuration.getSslContextParameters() != null || configuration.isUseGlobalSslContextParameters()) {
                throw new ConfigurationException("camel.server.use-global-ssl-context-parameters",
                        "the API port serves plain HTTP; end TLS in front of the adapter");
            }
            limits = CamelContextHelper.mandatoryLookup(getCamelContext(), LIMITS_BEAN, HttpLimits.class);
            metrics = CamelContextHelper.mandatoryLookup(getCamelContext(), METRICS_BEAN, AdapterMetrics.class);
            // mounted as Camel mounts it, so the platform-http routes and HttpFallbacks work unchanged
            Router root = Router.router(getVertx());
            root.route(configuration.getPath() + "*").subRouter(VertxPlatformHttpRouter.lookup(getCamelContext(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort())));
            root.errorHandler(400, HttpFallbacks.unreadablePath(metrics));
            String address = configuration.getBindHost() + ":" + configuration.getBindPort();
            try {
                // Vert.x shares a port among the instances that name it; a negative port is its way to share one
                // random port (port 0 would give each instance its own)
                int port = configuration.getBindPort() == 0 ? -1 : configuration.getBindPort();
                for (EventExecutor eventLoop : getVertx().nettyEventLoopGroup()) {
                    httpServers.add(listen(root, (EventLoop) eventLoop, port));
                }
            } catch (ExecutionException e) {
                throw new ConfigurationException("camel.server.port", "cannot listen on " + address + ": " + e.getCause().getMessage());
            }
            LOG.info("API server listening on {}:{} (at most {} connections, {} event loops)", configuration.getBindHost(),
                    getServer().actualPort(), limits.maxConnections(), httpServers.size());
        }

        /**
         * One HttpServer instance on the given event loop. Vert.x shares one listening socket among the instances
         * of a port and spreads the connections over them, so every event loop serves requests, where Camel's
         * single instance puts every connection on one.
         */
        private HttpServer listen(Router root, EventLoop eventLoop, int port) throws Exception {
            VertxInternal vertx = (VertxInternal) getVertx();
            ContextInternal context = vertx.createEventLoopContext(eventLoop, null, getClass().getClassLoader());
            HttpServer server = vertx.createHttpServer(options)
                    .connectionHandler(this::guard)
                    .invalidRequestHandler(HttpFallbacks.unreadableRequests(options, metrics))
                    .requestHandler(root);
            // listened from its own context, so the instance's connections run on that event loop
            Promise<HttpServer> listening = context.promise();
            context.runOnContext(v -> server.listen(port, configuration.getBindHost()).onComplete(listening));
            return listening.future().toCompletionStage().toCompletableFuture().get();
        }

        /** Camel's platform-http engine finds the API router by this server's port (every instance has the same). */
        @Override
        public HttpServer getServer() {
            return httpServers.isEmpty() ? null : httpServers.get(0);
        }

        /** Runs on the new connection's event loop, before any of its bytes is read. */
        private void guard(HttpConnection connection) {
            Channel channel = ((ConnectionBase) connection).channel();
            channel.closeFuture().addListener(closed -> openConnections.decrementAndGet());
            if (openConnections.incrementAndGet() > limits.maxConnections()) {
                ConnectionGuard.refuseOverLimit(channel, metrics);
            } else {
                ConnectionGuard.install(channel.pipeline(), options, limits, metrics);
            }
        }

        /** As Camel's stopServer: the platform-http component goes, then the HttpServer closes. */
        @Override
        protected void stopServer() {
            if (!httpServers.isEmpty()) {
                getCamelContext().removeComponent(PlatformHttpConstants.PLATFORM_HTTP_COMPONENT_NAME);
                httpServers.forEach(server -> server.close().toCompletionStage().toCompletableFuture().join());
                httpServers.clear();
            }
        }

        /** Camel's version runs on an executor that only its own startServer creates. */
        @Override
        protected void stopVertx() {
            if (getVertx() != null && lookupVertx() == null) {
                getVertx().close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }
}
