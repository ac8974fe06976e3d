package io.paymentsession.adapter.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.paymentsession.adapter.merchant.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Port values, from a variable or a key: Camel would silently bind a random port for "80a". (Binding: PackagedJarIT.) */
class ServerPortsTest {

    @ParameterizedTest
    @ValueSource(strings = {"80a", "65536", "-1", "+80", "8 080", "", "99999999999"})
    void refusesWhatIsNotAPortNamingTheKeyOnly(String value) {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> ServerPorts.checkNumber("camel.server.port", value));
        assertEquals("camel.server.port: must be a port number from 1 to 65535 (or 0: any free port)", refused.getMessage());
    }

    @Test
    void acceptsOneTo65535AndZeroForAnyFreePort() {
        ServerPorts.checkNumber("HTTP_PORT", "0");
        ServerPorts.checkNumber("HTTP_PORT", "1");
        ServerPorts.checkNumber("HTTP_PORT", "8080");
        ServerPorts.checkNumber("HTTP_PORT", "65535");
    }
}
