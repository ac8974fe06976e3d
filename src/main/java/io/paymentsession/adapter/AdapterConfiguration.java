package io.paymentsession.adapter;

import io.micrometer.core.instrument.MeterRegistry;
import io.paymentsession.adapter.api.ApiHttpServer;
import io.paymentsession.adapter.api.CanonicalReplies;
import io.paymentsession.adapter.api.HttpFallbacks;
import io.paymentsession.adapter.api.HttpGate;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.observe.AdapterMetrics;
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
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and checks the adapter's settings and binds the beans the YAML routes call by name. */
public class AdapterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterConfiguration.class);
    /** Workers for requests that wait on no provider: validation, the local store, errors. */
    private static final int REQUEST_WORKERS = 20;

    @Override
    public void configure(CamelContext context) throws Exception {
        AdapterSettings settings = AdapterSettings.from(adapterProperties(context.getPropertiesComponent()));
        Registry registry = context.getRegistry();
        registry.bind("httpGate", new HttpGate());
        registry.bind("requestParser", new CreateSessionRequestParser());
        MerchantDirectory directory = settings.merchantDirectory();
        registry.bind("merchantDirectory", directory);
        registry.bind("sessionStore", new SessionStore(settings.storeMaxSessions(), settings.storeMaxBytes()));
        AdapterMetrics metrics = new AdapterMetrics(
                registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class));
        registry.bind("replies", new CanonicalReplies(metrics));
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
        registry.bind("httpServerVertx", httpServerVertx(providerCalls));
        registry.bind("outboundHeaderFilter", new OutboundHeaderFilter());
        context.addStartupListener((ctx, alreadyStarted) -> {
            HttpFallbacks.install(ctx.hasService(MainHttpServer.class).getRouter(), CreateSessionRequestParser.MAX_BODY_BYTES,
                    metrics);
            ManagementHttpServer management = ctx.hasService(ManagementHttpServer.class);
            if (management != null) { // camel.management.enabled=false: no management port
                ManagementFallbacks.install(management.getRouter());
            }
        });
        LOG.info("Payment Session Adapter configured: mode={}, merchants={}", settings.mode().name().toLowerCase(),
                directory.merchantCount());
    }

    /**
     * The options of the Vert.x the HTTP server creates: its worker pool, where every request is handled,
     * sized so that all providers together may hold their allowed concurrent calls and requests still find
     * a worker. A hung provider cannot take every thread. (Vert.x's own default is 20 workers.)
     */
    private static VertxOptions httpServerVertx(int providerCalls) {
        return new VertxOptions().setWorkerPoolSize(REQUEST_WORKERS + providerCalls);
    }

    /** Every {@code adapter.*} key, resolved ({@code {{env:...}}} and the like), named in any failure. */
    private static Map<String, String> adapterProperties(PropertiesComponent properties) {
        Map<String, String> resolved = new TreeMap<>();
        for (String key : properties.loadProperties(key -> key.startsWith("adapter.")).stringPropertyNames()) {
            try {
                resolved.put(key, properties.resolveProperty(key).orElse(""));
            } catch (RuntimeException e) {
                throw new ConfigurationException(key, "cannot be resolved: " + e.getMessage());
            }
        }
        return resolved;
    }
}
