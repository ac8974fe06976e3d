package io.paymentsession.adapter.doors;

import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.SettingValues;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The JMS door's keys, {@code adapter.doors.jms.*} (README "The JMS door"). Off unless {@code enabled = true}; then
 * {@code broker-url} and {@code queue} are required. The password comes from the environment ({@code {{env:...}}})
 * and no message ever quotes it, nor the URL (which may hold credentials of its own).
 *
 * @param brokerUrl          an ActiveMQ Artemis client URL: {@code tcp://host:61616}, with the client's own parameters
 * @param userName           null: connect without credentials
 * @param recoveryIntervalMs how long the door waits between two attempts to reach the broker again
 */
public record JmsDoorSettings(boolean enabled, String brokerUrl, String userName, String password, String queue,
                              int concurrentConsumers, int recoveryIntervalMs) {

    public static final String PREFIX = "adapter.doors.jms.";
    public static final Set<String> KEYS = Set.of("enabled", "broker-url", "user-name", "password", "queue",
            "concurrent-consumers", "recovery-interval-ms");
    public static final JmsDoorSettings OFF = new JmsDoorSettings(false, null, null, null, null, 8, 5_000);
    /** A queue name safe in an endpoint URI and on every broker: letters, digits, '.', '_', '-'. */
    private static final Pattern QUEUE = Pattern.compile("[0-9A-Za-z._-]{1,200}");

    /** @param row the attributes after {@link #PREFIX}, values trimmed, each one of {@link #KEYS} */
    public static JmsDoorSettings from(Map<String, String> row) {
        if (row.isEmpty()) {
            return OFF;
        }
        String enabledValue = row.get("enabled");
        if (enabledValue == null) {
            // a broker configured without the switch: the operator believes the door is open
            String first = new TreeSet<>(row.keySet()).first();
            throw new ConfigurationException(PREFIX + first, "is only used with " + PREFIX + "enabled=true");
        }
        boolean enabled = SettingValues.trueOrFalse(PREFIX + "enabled", enabledValue);
        String brokerUrl = row.get("broker-url");
        if (brokerUrl != null) {
            checkBrokerUrl(brokerUrl);
        } else if (enabled) {
            throw new ConfigurationException(PREFIX + "broker-url", "missing; the JMS door needs it (tcp://host:61616)");
        }
        String queue = row.get("queue");
        if (queue != null && !QUEUE.matcher(queue).matches()) {
            throw new ConfigurationException(PREFIX + "queue", "must be 1 to 200 characters of 0-9, A-Z, a-z, '.', '_' or '-'");
        } else if (queue == null && enabled) {
            throw new ConfigurationException(PREFIX + "queue", "missing; the JMS door needs the queue it consumes");
        }
        String userName = emptyToNull(row.get("user-name"));
        String password = emptyToNull(row.get("password"));
        if (password != null && userName == null) {
            throw new ConfigurationException(PREFIX + "password", "is only used with " + PREFIX + "user-name");
        }
        return new JmsDoorSettings(enabled, brokerUrl, userName, password, queue,
                intIn(row, "concurrent-consumers", 1, 1_000, OFF.concurrentConsumers),
                intIn(row, "recovery-interval-ms", 100, 600_000, OFF.recoveryIntervalMs));
    }

    /** What the Artemis client itself accepts; its message is never quoted (the URL may hold a password). */
    private static void checkBrokerUrl(String url) {
        if (!url.startsWith("tcp://") && !url.startsWith("(tcp://")) {
            throw new ConfigurationException(PREFIX + "broker-url", "must begin with tcp:// (tcp://host:61616)");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new ConfigurationException(PREFIX + "broker-url", "holds a password; give it in " + PREFIX
                    + "password, from the environment ({{env:...}})");
        }
        try {
            new ActiveMQConnectionFactory(url).close();
        } catch (RuntimeException e) {
            throw new ConfigurationException(PREFIX + "broker-url", "is not an ActiveMQ Artemis URL (tcp://host:61616)");
        }
    }

    private static int intIn(Map<String, String> row, String attribute, int min, int max, int defaultValue) {
        String value = row.get(attribute);
        return value == null ? defaultValue : SettingValues.wholeNumber(PREFIX + attribute, value, min, max);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "JmsDoorSettings[enabled=" + enabled + ", queue=" + queue + ", concurrentConsumers=" + concurrentConsumers + "]";
    }
}
