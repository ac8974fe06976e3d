package io.paymentsession.adapter;

import io.paymentsession.adapter.api.ApiServerFactory;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.observe.AdapterMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;
import sun.misc.Signal;

/**
 * Starts the adapter: {@code config/application.properties}, then the file named by {@code ADAPTER_CONFIG},
 * then the environment variables {@code ADAPTER_MODE}, {@code HTTP_PORT} and {@code MANAGEMENT_PORT}; each
 * later source wins. Routes are the YAML files under {@code routes/}.
 */
public final class PaymentSessionAdapter {

    private PaymentSessionAdapter() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Main main = create(System.getenv(), new Properties());
            // SIGTERM: stop gracefully (in-flight requests finish) and exit 0 instead of the JVM's 143
            Signal.handle(new Signal("TERM"), signal -> main.completed());
            main.run();
            System.exit(main.getExitCode());
        } catch (Exception e) {
            Throwable reason = configurationProblem(e);
            if (reason == null) {
                throw e;
            }
            System.err.println("Payment Session Adapter cannot start: " + reason.getMessage());
            System.exit(1);
        }
    }

    /** A configuration mistake is reported in one line, not as a stack trace. */
    private static Throwable configurationProblem(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException) {
                return t;
            }
        }
        return null;
    }

    /** The adapter as {@code main} runs it; tests add their own overrides (ports, merchants) last. */
    public static Main create(Map<String, String> env, Properties testOverrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        Properties overrides = new Properties();
        // the body limit is part of the contract, not a setting
        overrides.setProperty("camel.server.maxBodySize", Integer.toString(CreateSessionRequestParser.MAX_BODY_BYTES));
        String extraConfig = env.get("ADAPTER_CONFIG");
        if (extraConfig != null && !extraConfig.isBlank()) {
            overrides.putAll(load(Path.of(extraConfig)));
        }
        copyEnv(env, "ADAPTER_MODE", "adapter.mode", overrides);
        copyEnv(env, "HTTP_PORT", "camel.server.port", overrides);
        copyEnv(env, "MANAGEMENT_PORT", "camel.management.port", overrides);
        overrides.putAll(testOverrides);
        main.setOverrideProperties(overrides);
        // bound before Camel's metrics service starts, which then serves it rather than a registry of its own
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, AdapterMetrics.prometheusRegistry());
        main.configure().addConfiguration(AdapterConfiguration.class);
        // the API server, guarded against stalled connections, floods and ambiguous framing (ApiHttpServer)
        main.bind("apiServerFactory", new ApiServerFactory());
        return main;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new ConfigurationException("ADAPTER_CONFIG", file + " cannot be read: " + e);
        }
    }

    private static void copyEnv(Map<String, String> env, String variable, String key, Properties into) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            into.setProperty(key, value.trim());
        }
    }
}
