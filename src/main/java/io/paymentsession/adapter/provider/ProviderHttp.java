package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.merchant.ProviderSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The per-provider pieces of a provider's camel-http endpoint, bound by name for its route: the
 * connect-only retry ({@code <bean>HttpClient}) and the TLS stores ({@code <bean>Tls}). Host names are
 * always verified (camel-http's default verifier; no option here turns it off).
 */
public final class ProviderHttp {

    private ProviderHttp() {
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
