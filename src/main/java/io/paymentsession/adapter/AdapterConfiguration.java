package io.paymentsession.adapter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.paymentsession.adapter.api.ApiHttpServer;
import io.paymentsession.adapter.api.CanonicalReplies;
import io.paymentsession.adapter.api.HttpFallbacks;
import io.paymentsession.adapter.api.HttpGate;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.doors.JmsDoor;
import io.paymentsession.adapter.idempotency.ClaimIdempotencyKey;
import io.paymentsession.adapter.idempotency.IdempotencySettings;
import io.paymentsession.adapter.idempotency.IdempotencyStore;
import io.paymentsession.adapter.idempotency.InMemoryIdempotencyStore;
import io.paymentsession.adapter.idempotency.RedisIdempotencyStore;
import io.paymentsession.adapter.lifecycle.BufferedStdout;
import io.paymentsession.adapter.lifecycle.Drain;
import io.paymentsession.adapter.lifecycle.DrainHealth;
import io.paymentsession.adapter.lifecycle.OutOfMemoryExit;
import io.paymentsession.adapter.lifecycle.ServerPorts;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Mode;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.observe.CamelRouteMetrics;
import io.paymentsession.adapter.observe.ManagementFallbacks;
import io.paymentsession.adapter.observe.ProviderHealth;
import io.paymentsession.adapter.observe.StoreHealth;
import io.paymentsession.adapter.observe.tracing.Tracing;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.Dialects;
import io.paymentsession.adapter.provider.UnmappedCodes;
import io.paymentsession.adapter.provider.call.ProviderCalls;
import io.paymentsession.adapter.sandbox.SandboxProviders;
import io.paymentsession.adapter.store.InMemorySessionStore;
import io.paymentsession.adapter.store.RedisSessionStore;
import io.paymentsession.adapter.store.RedisStore;
import io.paymentsession.adapter.store.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and checks the adapter's settings and binds the beans the YAML routes call by name. */
public class AdapterConfiguration implements CamelConfiguration {

    /** The adapter's one Vert.x, as bound in the registry. */
    public static final String VERTX_BEAN = "vertx";
    private static final Logger LOG = LoggerFactory.getLogger(AdapterConfiguration.class);
    /** A {@code {{env:NAME}}} placeholder without a default: NAME is named when it resolves to nothing. */
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([^:}]+)}}");

    private final Drain drain;

    /** As Camel creates it from the class name (camel-test-main): a drain nobody begins. */
    public AdapterConfiguration() {
        this(new Drain());
    }

    /** @param drain the one main's SIGTERM handler begins */
    public AdapterConfiguration(Drain drain) {
        this.drain = drain;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        ServerPorts.checkBindable(properties);
        AdapterSettings settings = AdapterSettings.from(adapterProperties(properties));
        Registry registry = context.getRegistry();
        MerchantDirectory directory = settings.merchantDirectory();
        MeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        AdapterMetrics metrics = new AdapterMetrics(meters);
        CamelRouteMetrics.install(context, meters);
        Tracing.install(context, settings.tracing());
        Vertx vertx = Vertx.vertx(vertxOptions());
        registry.bind(VERTX_BEAN, vertx);
        BufferedStdout.flushEvery(vertx);
        RedisStore redis = settings.storeType() == AdapterSettings.StoreType.REDIS
                ? new RedisStore(vertx, settings.storeRedisUrl()) : null;
        boolean sandboxMode = settings.mode() == Mode.SANDBOX;
        SandboxProviders sandbox = sandboxMode ? SandboxProviders.start(vertx, directory.accounts()) : null;
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext ctx) {
                if (redis != null) {
                    redis.close();
                }
                if (sandbox != null) {
                    sandbox.close();
                }
                vertx.close();
            }
        });
        SessionStore sessions = redis != null ? new RedisSessionStore(redis)
                : new InMemorySessionStore(settings.storeMaxSessions(), settings.storeMaxBytes());
        IdempotencyStore keys = redis != null ? new RedisIdempotencyStore(redis)
                : new InMemoryIdempotencyStore(settings.idempotency().maxKeys());
        RouteSteps.bind(registry, new HttpGate(), new CreateSessionRequestParser(), directory, sessions,
                claimIdempotencyKey(settings, keys), new CanonicalReplies(metrics, sandboxMode));
        registry.bind(ApiHttpServer.LIMITS_BEAN, settings.httpLimits());
        registry.bind(ApiHttpServer.METRICS_BEAN, metrics);
        if (redis != null) {
            HealthCheckRegistry.get(context).register(new StoreHealth(redis));
        }
        ProviderCalls providerCalls = new ProviderCalls(context, vertx, meters, new UnmappedCodes(metrics), sandboxMode);
        for (Dialect dialect : Dialects.ALL) {
            ProviderSettings provider = settings.providers().get(dialect.id());
            CircuitBreaker breaker = sandbox == null ? providerCalls.bind(dialect, provider)
                    : providerCalls.bind(dialect, provider, sandbox.settingsFor(provider));
            HealthCheckRegistry.get(context).register(new ProviderHealth(dialect.id(), breaker));
        }
        HealthCheckRegistry.get(context).register(new DrainHealth(drain));
        if (settings.jmsDoor().enabled()) { // off: no component, no route (its precondition), no check
            JmsDoor.install(context, settings.jmsDoor());
        }
        OutOfMemoryExit.installForRoutes(context);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                HttpFallbacks.install(ctx.hasService(MainHttpServer.class).getRouter(),
                        CreateSessionRequestParser.MAX_BODY_BYTES, metrics, drain);
                ManagementHttpServer management = ctx.hasService(ManagementHttpServer.class);
                if (management != null) { // camel.management.enabled=false: no management port
                    ManagementFallbacks.install(management.getRouter());
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                ServerPorts.checkListening(ctx);
                // a handler's OutOfMemoryError is caught by Vert.x, which would log it and run on
                ctx.hasServices(VertxPlatformHttpServer.class)
                        .forEach(server -> server.getVertx().exceptionHandler(OutOfMemoryExit::onFailure));
            }
        });
        LOG.info("Payment Session Adapter configured: mode={}, merchants={}, store={}", settings.mode().name().toLowerCase(),
                directory.merchantCount(), redis == null ? "memory" : "redis at " + redis.address());
        if (sandbox != null) {
            LOG.info("Sandbox mode: every provider is simulated on 127.0.0.1:{}; nothing is sent to a real provider",
                    sandbox.port());
            settings.providers().forEach((id, provider) -> {
                if (provider.url() != null) {
                    LOG.warn("adapter.providers.{}.url is not used in sandbox mode", id);
                }
            });
        }
    }

    /** The claim step over the key table, with each provider's lease (and the local store's). */
    private static ClaimIdempotencyKey claimIdempotencyKey(AdapterSettings settings, IdempotencyStore keys) {
        IdempotencySettings idempotency = settings.idempotency();
        Map<String, Duration> leases = new HashMap<>();
        settings.providers().forEach((provider, providerSettings) ->
                leases.put(provider, idempotency.leaseFor(providerSettings.callTimeoutMs())));
        leases.put(Provider.LOCAL.id(), idempotency.leaseFor(null));
        return new ClaimIdempotencyKey(keys, idempotency.ttl(), leases);
    }

    /**
     * The one Vert.x of the adapter: both HTTP servers and the provider calls find it in the registry by type
     * (so none creates its own), and it is closed once Camel has stopped.
     * <ul>
     *   <li>One event loop per core (Vert.x's default is two): they run the routes and never block, so more would
     *   only add threads.</li>
     *   <li>Workers run what must leave the event loop: the rest of a route once its provider's reply is in
     *   (provider/call) and a metrics scrape. Each is short work that waits on nothing, and no call holds a worker
     *   while it waits, so two per core keep the cores busy (Vert.x's default is 20, and under load every one of
     *   them is started).</li>
     * </ul>
     */
    private static VertxOptions vertxOptions() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new VertxOptions()
                .setEventLoopPoolSize(cores)
                .setWorkerPoolSize(2 * cores);
    }

    /** Every {@code adapter.*} key, resolved ({@code {{env:...}}} and the like), named in any failure. */
    private static Map<String, String> adapterProperties(PropertiesComponent properties) {
        Map<String, String> resolved = new TreeMap<>();
        Properties written = properties.loadProperties(key -> key.startsWith("adapter."));
        for (String key : written.stringPropertyNames()) {
            String value;
            try {
                value = properties.resolveProperty(key).orElse("");
            } catch (RuntimeException e) {
                throw new ConfigurationException(key, "cannot be resolved: a {{...}} placeholder names an unknown property or function");
            }
            Matcher variable = ENV_PLACEHOLDER.matcher(written.getProperty(key));
            if (value.isBlank() && variable.find()) {
                throw new ConfigurationException(key,
                        "the environment variable " + variable.group(1) + " is not set or empty");
            }
            resolved.put(key, value);
        }
        return resolved;
    }
}
