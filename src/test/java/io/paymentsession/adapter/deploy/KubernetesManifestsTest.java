package io.paymentsession.adapter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * deploy/kubernetes parses, and says what the adapter does: the probes' paths and ports are the adapter's, the pod
 * runs as the Dockerfile's numeric user on a read-only root, and the Secret example holds every variable the ConfigMap
 * reads. That the ConfigMap's keys are ones the adapter accepts is KubernetesConfigIT's: it starts the jar with them.
 */
class KubernetesManifestsTest {

    static final Path DIRECTORY = Path.of("deploy/kubernetes");

    @Test
    void everyManifestParsesAndEachKindIsThere() throws IOException {
        List<String> kinds = manifests().stream().map(m -> (String) m.get("kind")).sorted().toList();
        assertEquals(List.of("ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Secret", "Service"), kinds);
        for (Map<String, Object> manifest : manifests()) {
            assertEquals("payment-session-adapter", at(manifest, "metadata", "name"), manifest.get("kind") + "'s name");
        }
    }

    @Test
    void theProbesAreTheAdaptersHealthPathsOnItsManagementPort() throws IOException {
        Map<String, Object> container = container();
        Properties defaults = applicationProperties();
        Map<String, Object> ports = new java.util.HashMap<>();
        for (Object port : (List<?>) container.get("ports")) {
            Map<?, ?> p = (Map<?, ?>) port;
            ports.put((String) p.get("name"), p.get("containerPort"));
        }
        assertEquals(Integer.valueOf(defaults.getProperty("camel.server.port").trim()), ports.get("http"));
        assertEquals(Integer.valueOf(defaults.getProperty("camel.management.port").trim()), ports.get("management"));
        assertEquals("/observe/health/live", at(container, "livenessProbe", "httpGet", "path"));
        assertEquals("/observe/health/ready", at(container, "readinessProbe", "httpGet", "path"));
        assertEquals("management", at(container, "livenessProbe", "httpGet", "port"));
        assertEquals("management", at(container, "readinessProbe", "httpGet", "port"));
        assertNotNull(at(container, "lifecycle", "preStop"), "a preStop pause before SIGTERM");
        Map<String, Object> service = manifest("Service");
        for (Object port : (List<?>) at(service, "spec", "ports")) {
            assertTrue(ports.containsKey(((Map<?, ?>) port).get("targetPort")), "the Service targets a named container port: " + port);
        }
    }

    @Test
    void thePodRunsAsTheImagesNumericUserOnAReadOnlyRoot() throws IOException {
        Map<String, Object> deployment = manifest("Deployment");
        assertEquals(3, at(deployment, "spec", "replicas"));
        Object user = at(deployment, "spec", "template", "spec", "securityContext", "runAsUser");
        assertEquals(true, at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Matcher dockerUser = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(Files.readString(Path.of("Dockerfile")));
        assertTrue(dockerUser.find(), "the Dockerfile's USER is numeric");
        assertEquals(Integer.valueOf(dockerUser.group(1)), user);
        Map<String, Object> container = container();
        assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation"));
        assertEquals(at(container, "resources", "requests", "memory"), at(container, "resources", "limits", "memory"),
                "memory requested as limited: the heap is a share of the limit");
        assertTrue(Files.readString(Path.of("Dockerfile")).contains("\"@config/jvm-container.options\""),
                "the image starts with the container's JVM flags");
    }

    @Test
    void theSecretExampleHoldsEveryVariableTheConfigMapReads() throws IOException {
        Map<?, ?> secret = (Map<?, ?>) manifest("Secret").get("stringData");
        Matcher variables = Pattern.compile("\\{\\{env:([A-Za-z0-9_]+)}}").matcher(configMapProperties());
        List<String> read = new ArrayList<>();
        while (variables.find()) {
            read.add(variables.group(1));
        }
        assertFalse(read.isEmpty());
        for (String variable : read) {
            assertTrue(secret.containsKey(variable), "the Secret example sets " + variable);
        }
        Map<String, Object> container = container();
        Object configMount = ((List<?>) container.get("volumeMounts")).stream().map(Map.class::cast)
                .filter(mount -> "config".equals(mount.get("name"))).findFirst().orElseThrow().get("mountPath");
        assertEquals(List.of(Map.of("name", "ADAPTER_CONFIG", "value", configMount + "/adapter.properties")), container.get("env"),
                "ADAPTER_CONFIG is the mounted ConfigMap's file");
        assertEquals("payment-session-adapter", at(((List<?>) container.get("envFrom")).stream().map(Map.class::cast)
                .findFirst().orElseThrow(), "secretRef", "name"), "the Secret's keys are the container's environment");
    }

    /** The adapter.properties the ConfigMap holds (KubernetesConfigIT starts the jar with it). */
    static String configMapProperties() throws IOException {
        return (String) at(manifest("ConfigMap"), "data", "adapter.properties");
    }

    static Map<String, Object> manifest(String kind) throws IOException {
        return manifests().stream().filter(m -> kind.equals(m.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                    all.add((Map<String, Object>) document);
                }
            }
        }
        return all;
    }

    private static Map<String, Object> container() throws IOException {
        List<?> containers = (List<?>) at(manifest("Deployment"), "spec", "template", "spec", "containers");
        assertEquals(1, containers.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) containers.get(0);
        return container;
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(Path.of("config/application.properties"))));
        return properties;
    }

    static Object at(Map<?, ?> node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
