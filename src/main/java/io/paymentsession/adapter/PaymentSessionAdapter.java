package io.paymentsession.adapter;

import io.paymentsession.adapter.api.ApiServerFactory;
import io.paymentsession.adapter.api.AsyncHttpEngine;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.lifecycle.BufferedStdout;
import io.paymentsession.adapter.lifecycle.Drain;
import io.paymentsession.adapter.lifecycle.OutOfMemoryExit;
import io.paymentsession.adapter.lifecycle.ServerPorts;
import io.paymentsession.adapter.lifecycle.StartFailure;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.observe.RequestUnitOfWork;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.spi.ShutdownStrategy;
import sun.misc.Signal;

/**
 * Starts the adapter: {@code config/application.properties}, then the file named by {@code ADAPTER_CONFIG},
 * then the environment variables {@code ADAPTER_MODE}, {@code HTTP_PORT} and {@code MANAGEMENT_PORT}; each
 * later source wins. Routes are the YAML files under {@code routes/}.
 */
public final class PaymentSessionAdapter {

    /** The levels Log4j knows; log4j2.properties takes LOG_LEVEL as it is, and an unknown one silences every logger. */
    private static final List<String> LOG_LEVELS = List.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");
    /** log4j2.properties picks its appenders by LOG_FORMAT's name (any case): another would leave the log without one. */
    private static final List<String> LOG_FORMATS = List.of("text", "json");
    private static final String CANNOT_START = "Payment Session Adapter cannot start: ";

    private PaymentSessionAdapter() {
    }

    public static void main(String[] args) {
        // before anything starts Log4j, whose configuration picks its appenders by LOG_FORMAT's name
        try {
            checkLogFormat(System.getenv("LOG_FORMAT"));
        } catch (ConfigurationException e) {
            System.err.println(CANNOT_START + e.getMessage());
            System.exit(1);
        }
        BufferedStdout.install();
        OutOfMemoryExit.installForThreads();
        Main main = null;
        try {
            Drain drain = new Drain();
            main = create(System.getenv(), new Properties(), drain);
            // the handlers below stop the adapter; Camel's default strategy adds a JVM hook that logs a
            // misleading "triggered by SIGTERM" line on every exit, a failed start's included
            main.setShutdownStrategy(new SimpleMainShutdownStrategy());
            Main running = main;
            for (String signal : List.of("TERM", "INT")) {
                Signal.handle(new Signal(signal), s -> stopGracefully(running, drain));
            }
            main.run();
        } catch (Exception e) {
            System.err.println(CANNOT_START + StartFailure.describe(e, main));
            System.exit(1);
        }
        // exit 0 after a graceful stop, instead of the JVM's 143 for a signal
        System.exit(main.getExitCode());
    }

    /**
     * The drain: readiness goes DOWN and new API requests get a retryable 503 at once, the requests already
     * accepted finish (at most camel.main.shutdown-timeout), then Camel stops.
     */
    private static void stopGracefully(Main main, Drain drain) {
        if (!drain.begin()) {
            return;
        }
        CamelContext context = main.getCamelContext();
        if (context != null && context.isStarted()) {
            ShutdownStrategy shutdown = context.getShutdownStrategy();
            long budgetMs = shutdown.getTimeUnit().toMillis(shutdown.getTimeout());
            long started = System.nanoTime();
            try {
                drain.awaitIdle(Duration.ofMillis(budgetMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Camel's own graceful stop gets what the drain left of the one budget, not a second one
            long leftMs = budgetMs - (System.nanoTime() - started) / 1_000_000;
            shutdown.setTimeout(Math.max(1, leftMs));
            shutdown.setTimeUnit(TimeUnit.MILLISECONDS);
        }
        main.completed();
    }

    /** The adapter as {@code main} runs it; tests add their own overrides (ports, merchants) last. */
    public static Main create(Map<String, String> env, Properties testOverrides) {
        return create(env, testOverrides, new Drain());
    }

    private static Main create(Map<String, String> env, Properties testOverrides, Drain drain) {
        checkLogLevel(env.get("LOG_LEVEL"));
        checkLogFormat(env.get("LOG_FORMAT"));
        Main main = new Main() {
            @Override
            protected void configurePropertiesService(CamelContext context) throws Exception {
                // before the first read of config/application.properties: Camel reads files as ISO-8859-1 by default
                ((org.apache.camel.component.properties.PropertiesComponent) context.getPropertiesComponent())
                        .setEncoding(StandardCharsets.UTF_8.name());
                super.configurePropertiesService(context);
            }
        };
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        Properties overrides = new Properties();
        // the body limit is part of the contract, not a setting
        overrides.setProperty("camel.server.maxBodySize", Integer.toString(CreateSessionRequestParser.MAX_BODY_BYTES));
        String extraConfig = env.get("ADAPTER_CONFIG");
        if (extraConfig != null && !extraConfig.isBlank()) {
            overrides.putAll(load(Path.of(extraConfig)));
        }
        copyEnv(env, "ADAPTER_MODE", "adapter.mode", overrides);
        copyPort(env, "HTTP_PORT", ServerPorts.API_PORT, overrides);
        copyPort(env, "MANAGEMENT_PORT", ServerPorts.MANAGEMENT_PORT, overrides);
        overrides.putAll(testOverrides);
        main.setOverrideProperties(overrides);
        // bound before Camel's metrics service starts, which then serves it rather than a registry of its own
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, AdapterMetrics.prometheusRegistry());
        main.configure().addConfiguration(new AdapterConfiguration(drain));
        // the API server, guarded against stalled connections, floods and ambiguous framing (ApiHttpServer)
        main.bind("apiServerFactory", new ApiServerFactory());
        // routes a request without holding a thread while it waits on a provider (AsyncHttpEngine)
        main.bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new AsyncHttpEngine());
        // the request id of every exchange, and its ids in the MDC of every thread it runs on (RequestUnitOfWork)
        main.bind("requestUnitOfWorkFactory", new RequestUnitOfWork.Factory());
        return main;
    }

    private static void checkLogLevel(String level) {
        if (level != null && !level.isBlank() && !LOG_LEVELS.contains(level.trim().toUpperCase(Locale.ROOT))) {
            throw new ConfigurationException("LOG_LEVEL", "must be one of " + String.join(", ", LOG_LEVELS));
        }
    }

    /** Unset means text; any value but text or json (any case) is refused, an empty one too. */
    private static void checkLogFormat(String format) {
        if (format != null && !LOG_FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new ConfigurationException("LOG_FORMAT", "must be one of " + String.join(", ", LOG_FORMATS));
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            // the reason only (not found, not UTF-8...): never a line of the file
            throw new ConfigurationException("ADAPTER_CONFIG", "the file cannot be read as UTF-8 properties ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A port from the environment is checked here, to name the variable rather than the key it sets. */
    private static void copyPort(Map<String, String> env, String variable, String key, Properties into) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            ServerPorts.checkNumber(variable, value.trim());
        }
        copyEnv(env, variable, key, into);
    }

    private static void copyEnv(Map<String, String> env, String variable, String key, Properties into) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            into.setProperty(key, value.trim());
        }
    }
}
