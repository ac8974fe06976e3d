package io.paymentsession.adapter.api;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed CreateSession requests, each a valid request for a merchant of the live table
 * with exactly one thing wrong: every one gets a 4xx canonical error, none reaches a provider, none a 5xx,
 * and none logs more than its access line (no ERROR, no stack trace: a bad request cannot flood the log).
 * The generator is seeded: a failure names the request, and the same seed repeats it.
 */
class MalformedInputTest {

    private static final int REQUESTS = 3_000;
    private static final long SEED = 20261121L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MERCHANTS = {"REST01", "NVP01", "WL01", "PS01"};
    private static final String[] FIELDS = {"correlationId", "authenticationLimit", "lineOfBusiness", "expiresInMinutes",
        "tokens", "paymentProductFilters"};

    @Test
    void everyMalformedRequestGetsA4xxCanonicalErrorAndNoneReachesAProvider() throws Exception {
        try (StubUpstream providers = StubUpstream.start(StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), 800));
             LogCapture log = LogCapture.atLevel(Level.INFO)) {
            Random random = new Random(SEED);
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                bodies.add(malformed(random));
            }
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < bodies.size(); i++) {
                    int index = i;
                    done.add(callers.submit(() -> {
                        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(index))));
                        String shown = "request " + index + ": " + preview(bodies.get(index)) + " -> " + response.statusCode()
                                + " " + response.body();
                        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, shown);
                        assertEquals("INVALID_REQUEST", text(json(response.body()), "error.cause"), shown);
                        assertEquals("ADAPTER", text(json(response.body()), "error.source"), shown);
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            assertTrue(providers.received().isEmpty(), providers.received().size() + " malformed requests reached a provider");
            assertEquals(REQUESTS, statuses.values().stream().mapToInt(Integer::intValue).sum(), "answers: " + statuses);
            assertEquals(201, adapter.postJson("{\"merchantId\":\"REST01\"}").statusCode(), "still serving after the flood");
            List<String> lines = log.text().lines().toList();
            List<String> notAccessLines = lines.stream().filter(line -> !line.contains(" i.p.a.access - ")).toList();
            assertTrue(notAccessLines.isEmpty(), "only access lines, but also:\n" + String.join("\n", notAccessLines));
            assertEquals(REQUESTS + 1, lines.size(), "one line per request");
        }
    }

    /** A valid request for a live merchant, then exactly one thing made wrong. */
    private static byte[] malformed(Random random) throws JsonProcessingException {
        String merchantId = MERCHANTS[random.nextInt(MERCHANTS.length)];
        Map<String, String> members = new java.util.LinkedHashMap<>();
        members.put("merchantId", quote(merchantId));
        members.put("correlationId", quote(anyText(random, 1 + random.nextInt(60))));
        String field = FIELDS[random.nextInt(FIELDS.length)];
        List<Function<Random, byte[]>> kinds = List.of(
                r -> object(with(members, "merchantId", badMerchantId(r))),
                r -> object(without(members, "merchantId")),
                r -> object(with(members, field, badValue(field, r))),
                r -> object(with(members, "x" + r.nextInt(1000), "1")),
                r -> duplicateKey(members, r),
                r -> brokenSyntax(object(members), r),
                r -> object(with(members, "paymentProductFilters", deepNesting(500 + r.nextInt(3000)))),
                r -> object(with(members, "correlationId", quote("c".repeat(70_000 + r.nextInt(1000))))),
                r -> object(with(members, r.nextBoolean() ? field : "x" + r.nextInt(1000), nestedSomewhere(unreadableNumber(r), r))),
                r -> object(with(members, "paymentProductFilters",
                        "{\"exclude\":{\"products\":[1," + unreadableNumber(r) + "]}}")),
                r -> otherEncoding(object(members), r),
                r -> notUtf8(object(members), r));
        return kinds.get(random.nextInt(kinds.size())).apply(random);
    }

    private static String badMerchantId(Random random) {
        String[] bad = {"\"\"", quote("a".repeat(41)), quote("a b"), quote("caf\u00e9"), quote("../x"), quote("a/b"),
            quote("a.b"), "42", "true", "null", "[]", "{}", quote("M\u0000"), "\"\\ud800\""};
        return bad[random.nextInt(bad.length)];
    }

    /** A value the field's rule refuses: wrong type, out of bounds, bad characters. */
    private static String badValue(String field, Random random) {
        String[] bad = switch (field) {
            case "correlationId" -> new String[] {"\"\"", quote(anyText(random, 101 + random.nextInt(200))), "7", "true",
                "[]", "{}", "\"\\udc00x\""};
            case "authenticationLimit" -> new String[] {"-1", Integer.toString(26 + random.nextInt(1_000_000)), "2.5", "\"5\"",
                "true", "[]", "{}", "1e400", "99999999999999999999"};
            case "lineOfBusiness" -> new String[] {"\"\"", quote("L".repeat(101)), quote("A" + whitespace(random) + "B"),
                quote("A\u0007B"), "5", "[\"A\"]"};
            case "expiresInMinutes" -> new String[] {"0", "-" + (1 + random.nextInt(100)), "1440.0001", "\"15\"", "true",
                "[]", "1e400"};
            case "tokens" -> new String[] {"\"t\"", "{}", array(101, "\"t\""), "[\"\"]", "[" + quote("t".repeat(256)) + "]",
                "[1]", "[null]", "[[\"t\"]]"};
            default -> new String[] {"[]", "\"cards\"", "{\"include\":{}}", "{\"restrictTo\":\"cards\"}",
                "{\"restrictTo\":{\"groups\":[1]}}", "{\"exclude\":{\"products\":[\"1\"]}}", "{\"exclude\":{\"products\":[0]}}",
                "{\"exclude\":{\"products\":[2147483648]}}", "{\"restrictTo\":{\"products\":" + array(101, "1") + "}}"};
        };
        return bad[random.nextInt(bad.length)];
    }

    private static byte[] duplicateKey(Map<String, String> members, Random random) {
        String name = new ArrayList<>(members.keySet()).get(random.nextInt(members.size()));
        String body = new String(object(members), StandardCharsets.UTF_8);
        return (body.substring(0, body.length() - 1) + "," + quote(name) + ":" + members.get(name) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] brokenSyntax(byte[] valid, Random random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            case 1 -> (text + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> text.replace('"', '\'').getBytes(StandardCharsets.UTF_8);
            case 3 -> (text.substring(0, text.length() - 1) + ",}").getBytes(StandardCharsets.UTF_8);
            case 4 -> {
                // a lone continuation byte in place of an ASCII one of {"merchantId": is never valid UTF-8
                byte[] broken = valid.clone();
                broken[1 + random.nextInt(12)] = (byte) (0x80 + random.nextInt(0x40));
                yield broken;
            }
            default -> ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A number of valid JSON grammar the adapter does not read: an exponent beyond 32 bits, or over 1000 digits. */
    private static String unreadableNumber(Random random) {
        String sign = random.nextBoolean() ? "-" : "";
        String exponentSign = new String[] {"", "+", "-"}[random.nextInt(3)];
        long exponent = 2_147_483_648L + (random.nextInt(3) == 0 ? 0 : Math.abs(random.nextLong() % 1_000_000_000_000L));
        return switch (random.nextInt(4)) {
            case 0 -> sign + (1 + random.nextInt(9)) + (random.nextBoolean() ? "e" : "E") + exponentSign + exponent;
            case 1 -> sign + "0.0e" + exponentSign + exponent;
            case 2 -> sign + "1" + "0".repeat(1000 + random.nextInt(2000));
            default -> sign + "0." + "7".repeat(1001 + random.nextInt(2000)) + "e1";
        };
    }

    /** The value as it is, or inside arrays and objects, up to three levels down. */
    private static String nestedSomewhere(String value, Random random) {
        String nested = value;
        for (int level = random.nextInt(4); level > 0; level--) {
            nested = random.nextBoolean() ? "[true," + nested + "]" : "{\"n\":" + nested + "}";
        }
        return nested;
    }

    /** The same request in an encoding other than UTF-8 (Jackson alone would guess it from the bytes). */
    private static byte[] otherEncoding(byte[] utf8, Random random) {
        String[] charsets = {"UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE"};
        return new String(utf8, StandardCharsets.UTF_8).getBytes(java.nio.charset.Charset.forName(charsets[random.nextInt(charsets.length)]));
    }

    /** A byte sequence strict UTF-8 refuses (overlong, surrogate, past U+10FFFF, truncated, stray) inside {"merchantId". */
    private static byte[] notUtf8(byte[] valid, Random random) {
        int[][] sequences = {{0xC0, 0xAF}, {0xC1, 0xA4}, {0xE0, 0x80, 0xAF}, {0xF0, 0x80, 0x80, 0xAF}, {0xED, 0xA0, 0x80},
            {0xED, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFE}, {0xFF}, {0xE2, 0x82},
            {0xF0, 0x9F, 0x98}};
        int[] sequence = sequences[random.nextInt(sequences.length)];
        int at = 2 + random.nextInt(10);
        java.io.ByteArrayOutputStream broken = new java.io.ByteArrayOutputStream();
        broken.write(valid, 0, at);
        for (int b : sequence) {
            broken.write(b);
        }
        broken.write(valid, at, valid.length - at);
        return broken.toByteArray();
    }

    private static String deepNesting(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static Map<String, String> with(Map<String, String> members, String name, String rawValue) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(members);
        changed.put(name, rawValue);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> members, String name) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(members);
        changed.remove(name);
        return changed;
    }

    private static byte[] object(Map<String, String> members) {
        StringBuilder json = new StringBuilder("{");
        members.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(quote(name)).append(':').append(value));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String array(int items, String item) {
        return "[" + String.join(",", java.util.Collections.nCopies(items, item)) + "]";
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text from every corner of Unicode: ASCII, accents, CJK, emoji, controls, right-to-left, zero-width. */
    private static String anyText(Random random, int codePoints) {
        int[][] ranges = {{0x20, 0x7e}, {0xa0, 0x24f}, {0x4e00, 0x4fff}, {0x1f600, 0x1f64f}, {0x0, 0x1f}, {0x590, 0x5ff},
            {0x200b, 0x200f}};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    private static String whitespace(Random random) {
        String[] spaces = {" ", "\t", "\n", "\u00a0", "\u2003", "\u3000"};
        return spaces[random.nextInt(spaces.length)];
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + body.length + " bytes)";
    }
}
