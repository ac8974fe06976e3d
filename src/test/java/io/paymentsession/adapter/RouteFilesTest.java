package io.paymentsession.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every route file is valid against Camel's own YAML DSL schema (camelYamlDsl.json, from the
 * camel-yaml-dsl jar the adapter runs with), and every step carries an id and a description, so the
 * flow reads in Kaoto and Camel's tooling, not only in YAML comments.
 */
class RouteFilesTest {

    private static final String SCHEMA = "/schema/camelYamlDsl.json";
    /** A whole value that is one property placeholder, such as {{a.b}} or {{a.{{b}}.c}}. */
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("\\{\\{.+}}");
    private static final Set<String> PLACEHOLDER_TYPES = Set.of("boolean", "integer", "number");
    private static final Schema CAMEL_YAML_DSL = loadSchema();

    private static Schema loadSchema() {
        try (InputStream in = RouteFilesTest.class.getResourceAsStream(SCHEMA)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> routeFiles() throws IOException {
        // routes/*.yaml and routes/doors/*.yaml, as camel.main.routes-include-pattern loads them
        try (Stream<Path> files = Files.walk(Path.of("routes"), 2)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The route file as Camel reads it (snakeyaml-engine: unquoted true is a boolean, "true" a string). */
    private static JsonNode read(Path file) throws IOException {
        Object yaml = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        return new ObjectMapper().valueToTree(yaml);
    }

    private static List<String> schemaErrors(JsonNode routes) {
        return CAMEL_YAML_DSL.validate(routes).stream()
                .filter(error -> !isPlaceholderForAScalar(error))
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    /**
     * Camel resolves a placeholder before it converts the value, so its validator accepts a whole-value
     * {@code {{...}}} where a boolean or a number is expected (CAMEL-24694). Only that: a type error on a
     * string that is a placeholder from its first to its last character, where the schema wants one of those types.
     */
    private static boolean isPlaceholderForAScalar(Error error) {
        if (!"type".equals(error.getKeyword())) {
            return false;
        }
        JsonNode value = error.getInstanceNode();
        JsonNode expected = error.getSchemaNode();
        List<String> types = new ArrayList<>();
        if (expected.isArray()) {
            expected.forEach(type -> types.add(type.asText()));
        } else {
            types.add(expected.asText());
        }
        return value.isTextual() && WHOLE_PLACEHOLDER.matcher(value.asText()).matches()
                && types.stream().allMatch(PLACEHOLDER_TYPES::contains);
    }

    @Test
    void theSchemaIsCamelsOwnFromTheCamelYamlDslJar() {
        URL schema = RouteFilesTest.class.getResource(SCHEMA);
        assertTrue(schema.toString().matches("jar:file:.*/camel-yaml-dsl-4\\.18\\.0\\.jar!" + SCHEMA), schema.toString());
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void isValidAgainstCamelsYamlDslSchema(Path file) throws IOException {
        assertEquals(List.of(), schemaErrors(read(file)), file.toString());
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyStepHasAnIdAndADescription(Path file) throws IOException {
        JsonNode routes = read(file);
        List<String> undescribed = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            // the route, template and configuration themselves; a templatedRoute has its routeId and no description
            for (String kind : List.of("route", "routeTemplate", "routeConfiguration")) {
                if (routes.get(i).has(kind)) {
                    requireIdAndDescription(routes.get(i).get(kind), "/" + i + "/" + kind, undescribed);
                }
            }
        }
        collectUndescribedSteps(routes, "", undescribed);
        assertEquals(List.of(), undescribed, file + ": steps without an id or a description");
    }

    /** Every element of a steps (or onException) list, and every branch of a choice, needs both. */
    private static void collectUndescribedSteps(JsonNode node, String at, List<String> undescribed) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndescribedSteps(node.get(i), at + "/" + i, undescribed);
            }
            return;
        }
        node.properties().forEach(member -> {
            String here = at + "/" + member.getKey();
            JsonNode value = member.getValue();
            if (Set.of("steps", "onException").contains(member.getKey()) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    String step = here + "/" + i;
                    value.get(i).properties().forEach(kind -> requireIdAndDescription(kind.getValue(), step + "/" + kind.getKey(), undescribed));
                }
            } else if (member.getKey().equals("when") && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    requireIdAndDescription(value.get(i), here + "/" + i, undescribed);
                }
            } else if (member.getKey().equals("otherwise")) {
                requireIdAndDescription(value, here, undescribed);
            }
            collectUndescribedSteps(value, here, undescribed);
        });
    }

    private static void requireIdAndDescription(JsonNode definition, String at, List<String> undescribed) {
        for (String key : List.of("id", "description")) {
            if (!definition.isObject() || !definition.path(key).isTextual() || definition.path(key).asText().isBlank()) {
                undescribed.add(at + " has no " + key);
            }
        }
        // Camel shows a description as written: a template parameter in it would read {{provider}}
        if (definition.path("description").asText().contains("{{")) {
            undescribed.add(at + " has a placeholder in its description");
        }
    }

    @Test
    void aWholePlaceholderStandsForABooleanOrANumberAndNothingElseDoes() {
        String route = "- route: {id: r, %s, from: {uri: 'direct:r', steps: [{log: {message: m}}]}}";
        for (String valid : List.of("autoStartup: '{{flag}}'", "startupOrder: '{{order}}'", "autoStartup: '{{a.{{b}}.c}}'")) {
            assertEquals(List.of(), schemaErrors(yaml(route.formatted(valid))), valid);
        }
        for (String invalid : List.of("autoStartup: 'true'", "startupOrder: '7'", "autoStartup: 'on {{flag}}'",
                "autoStartup: '{{flag}} '", "from: {uri: 'direct:r', steps: '{{steps}}'}")) {
            String text = invalid.startsWith("from") ? "- route: {id: r, " + invalid + "}" : route.formatted(invalid);
            assertFalse(schemaErrors(yaml(text)).isEmpty(), invalid + " must not pass");
        }
    }

    private static JsonNode yaml(String text) {
        return new ObjectMapper().valueToTree(new Load(LoadSettings.builder().build()).loadFromString(text));
    }
}
