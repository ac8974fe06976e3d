package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.merchant.ProviderSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.spi.ThreadPoolProfile;

/**
 * The per-provider pieces of a provider's route, bound by name: the connect-only retry
 * ({@code <bean>HttpClient}), the TLS stores ({@code <bean>Tls}) and the threads its calls run on
 * ({@code <bean>Calls}). Host names are always verified (camel-http's default verifier; no option here
 * turns it off).
 */
public final class ProviderHttp {

    /** How long an idle call thread lives: after a burst, the thread count comes back down soon. */
    private static final long IDLE_THREAD_SECONDS = 5;

    private ProviderHttp() {
    }

    /**
     * The threads the circuit breaker runs the provider's calls on (so the call time limit can let go of
     * a stuck one): at most one per allowed concurrent call, none kept idle for long.
     */
    public static ExecutorService callThreads(ProviderSettings settings, CamelContext context) {
        ThreadPoolProfile profile = new ThreadPoolProfile(settings.provider() + "-calls");
        profile.setPoolSize(0);
        profile.setMaxPoolSize(settings.maxConcurrentCalls());
        profile.setKeepAliveTime(IDLE_THREAD_SECONDS);
        profile.setTimeUnit(TimeUnit.SECONDS);
        profile.setMaxQueueSize(0);
        profile.setAllowCoreThreadTimeOut(true);
        return context.getExecutorServiceManager().newThreadPool(ProviderHttp.class, profile.getId(), profile);
    }

    public static HttpClientConfigurer retries(ProviderSettings settings) {
        ConnectRetryStrategy strategy = new ConnectRetryStrategy(settings.connectRetries(), settings.connectRetryBackoffMs());
        return builder -> builder.setRetryStrategy(strategy);
    }

    /** The provider's trust store (else the JVM's) and client certificate (if any). */
    public static SSLContextParameters tls(ProviderSettings.Tls stores, CamelContext context) {
        SSLContextParameters tls = new SSLContextParameters();
        tls.setCamelContext(context);
        if (stores.trustStore() != null) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store(stores.trustStore(), stores.trustStorePassword(), context));
            tls.setTrustManagers(trust);
        }
        if (stores.keyStore() != null) {
            KeyManagersParameters keys = new KeyManagersParameters();
            keys.setKeyStore(store(stores.keyStore(), stores.keyStorePassword(), context));
            keys.setKeyPassword(stores.keyStorePassword());
            tls.setKeyManagers(keys);
        }
        return tls;
    }

    private static KeyStoreParameters store(String path, String password, CamelContext context) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setCamelContext(context);
        store.setResource("file:" + path);
        store.setPassword(password);
        store.setType("PKCS12");
        return store;
    }
}
