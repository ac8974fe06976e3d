package io.paymentsession.adapter;

import io.micrometer.core.instrument.MeterRegistry;
import io.paymentsession.adapter.api.ApiHttpServer;
import io.paymentsession.adapter.api.CanonicalReplies;
import io.paymentsession.adapter.api.HttpFallbacks;
import io.paymentsession.adapter.api.HttpGate;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.lifecycle.Drain;
import io.paymentsession.adapter.lifecycle.DrainHealth;
import io.paymentsession.adapter.lifecycle.OutOfMemoryExit;
import io.paymentsession.adapter.lifecycle.ServerPorts;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.observe.CamelRouteMetrics;
import io.paymentsession.adapter.observe.ManagementFallbacks;
import io.paymentsession.adapter.observe.ProviderHealth;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.OutboundHeaderFilter;
import io.paymentsession.adapter.provider.ProviderCall;
import io.paymentsession.adapter.provider.ProviderHttp;
import io.paymentsession.adapter.provider.mpgs.MpgsNvpDialect;
import io.paymentsession.adapter.provider.mpgs.MpgsRestDialect;
import io.paymentsession.adapter.provider.paysecure.PaySecureDialect;
import io.paymentsession.adapter.provider.worldline.WorldlineDialect;
import io.paymentsession.adapter.store.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
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
        MeterRegistry meterRegistry = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        AdapterMetrics metrics = new AdapterMetrics(meterRegistry);
        CamelRouteMetrics.install(context, meterRegistry);
        RouteSteps.bind(registry, new HttpGate(), new CreateSessionRequestParser(), directory,
                new SessionStore(settings.storeMaxSessions(), settings.storeMaxBytes()), new CanonicalReplies(metrics));
        registry.bind(ApiHttpServer.LIMITS_BEAN, settings.httpLimits());
        registry.bind(ApiHttpServer.METRICS_BEAN, metrics);
        Map<Provider, Dialect> dialects = Map.of(
                Provider.MPGS_REST, new MpgsRestDialect(),
                Provider.MPGS_NVP, new MpgsNvpDialect(),
                Provider.WORLDLINE, new WorldlineDialect(Clock.systemUTC()),
                Provider.PAYSECURE, new PaySecureDialect());
        int providerCalls = 0;
        for (Map.Entry<Provider, Dialect> entry : dialects.entrySet()) {
            Provider provider = entry.getKey();
            ProviderSettings providerSettings = directory.settings(provider);
            providerCalls += providerSettings.maxConcurrentCalls();
            registry.bind(provider.beanName(), new ProviderCall(provider, entry.getValue(), directory));
            registry.bind(provider.beanName() + "HttpClient", ProviderHttp.retries(providerSettings));
            registry.bind(provider.beanName() + "Tls", ProviderHttp.tls(providerSettings.tls(), context));
            registry.bind(provider.beanName() + "Calls", ProviderHttp.callThreads(providerSettings, context));
            HealthCheckRegistry.get(context).register(new ProviderHealth(provider.id()));
        }
        HealthCheckRegistry.get(context).register(new DrainHealth(drain));
        OutOfMemoryExit.installForRoutes(context);
        Vertx vertx = Vertx.vertx(vertxOptions(providerCalls));
        registry.bind(VERTX_BEAN, vertx);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext ctx) {
                vertx.close();
            }
        });
        registry.bind("outboundHeaderFilter", new OutboundHeaderFilter());
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
        LOG.info("Payment Session Adapter configured: mode={}, merchants={}", settings.mode().name().toLowerCase(),
                directory.merchantCount());
    }

    /**
     * The one Vert.x of the adapter: both HTTP servers and the provider calls find it in the registry by type
     * (so none creates its own), and it is closed once Camel has stopped.
     * <ul>
     *   <li>One event loop per core (Vert.x's default is two): they never block, so more would only add threads.</li>
     *   <li>Workers: a request holds one only while its route runs its own steps (validation, the local store, the
     *   reply), none of which waits on I/O, so two per core keep the cores busy (Vert.x's default is 20, and under
     *   load every one of them is started). A provider call that holds a worker while it waits for the reply comes
     *   on top, so a hung provider cannot take the workers of the requests.</li>
     * </ul>
     *
     * @param providerCalls the provider calls that may hold a worker at once (0 once they wait without one)
     */
    private static VertxOptions vertxOptions(int providerCalls) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new VertxOptions()
                .setEventLoopPoolSize(cores)
                .setWorkerPoolSize(2 * cores + providerCalls);
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
