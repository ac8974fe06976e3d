package io.paymentsession.adapter.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.stub.StubUpstream.Action;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The four providers as one stub plays them, told apart by path. Each checks credentials the way the
 * real one does before it does what the test asks: Basic auth or the NVP form fields (Mastercard),
 * the v1HMAC signature recomputed from what arrived on the wire (Worldline), the Credentials object
 * (PaySecure).
 */
public final class StubProviders {

    public static final String MPGS_MERCHANT = "TESTAB2894354";
    public static final String MPGS_PASSWORD = "gw-api-password-7f3a9c";
    public static final String WORLDLINE_MERCHANT = "9991";
    public static final String WORLDLINE_KEY_ID = "5e45c937b9db33ae";
    public static final String WORLDLINE_SECRET = "I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=";
    public static final String PAYSECURE_MERCHANT = "ACQ778812";
    public static final String PAYSECURE_USER = "adapter-user";
    public static final String PAYSECURE_PASSWORD = "ps-password-41c9";
    public static final String PAYSECURE_VERSION = "3.2";

    public static final String MPGS_REST_PATH = "/api/rest/version/100/merchant/" + MPGS_MERCHANT + "/session";
    public static final String MPGS_NVP_PATH = "/api/nvp/version/100";
    public static final String WORLDLINE_PATH = "/v1/" + WORLDLINE_MERCHANT + "/sessions";
    public static final String PAYSECURE_PATH = "/CreateSession";

    /** Merchant ids of the live table {@link #liveConfig} builds, one per provider; BAD* ones hold wrong credentials. */
    public static final List<String> MERCHANTS = List.of("REST01", "NVP01", "WL01", "PS01");
    public static final int CONNECT_TIMEOUT_MS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubProviders() {
    }

    /** Every provider pointed at one stub URL, fast timeouts, one good and one bad merchant per provider. */
    public static Map<String, String> liveConfig(String url, int responseTimeoutMs) {
        Map<String, String> config = new HashMap<>();
        config.put("adapter.mode", "live");
        for (String provider : List.of("mpgs-rest", "mpgs-nvp", "worldline", "paysecure")) {
            config.put("adapter.providers." + provider + ".url", url);
            config.put("adapter.providers." + provider + ".connect-timeout-ms", Integer.toString(CONNECT_TIMEOUT_MS));
            config.put("adapter.providers." + provider + ".response-timeout-ms", Integer.toString(responseTimeoutMs));
            // room for two connect attempts (500 ms each), the 200 ms backoff and the reply, as start-up demands
            config.put("adapter.providers." + provider + ".call-timeout-ms", Integer.toString(CONNECT_TIMEOUT_MS * 2 + 200 + responseTimeoutMs + 200));
            // route and fault tests fail on purpose, many times: keep every breaker closed here
            config.put("adapter.providers." + provider + ".breaker-minimum-calls", "10000");
        }
        for (String prefix : List.of("", "BAD")) {
            String wrong = prefix.isEmpty() ? "" : "-wrong";
            merchant(config, prefix + "REST01", "mpgs-rest", MPGS_MERCHANT, Map.of("password", MPGS_PASSWORD + wrong));
            merchant(config, prefix + "NVP01", "mpgs-nvp", MPGS_MERCHANT, Map.of("password", MPGS_PASSWORD + wrong));
            merchant(config, prefix + "WL01", "worldline", WORLDLINE_MERCHANT,
                    Map.of("api-key-id", WORLDLINE_KEY_ID, "secret-api-key", WORLDLINE_SECRET + wrong));
            merchant(config, prefix + "PS01", "paysecure", PAYSECURE_MERCHANT, Map.of("user-name", PAYSECURE_USER,
                    "password", PAYSECURE_PASSWORD + wrong, "api-version", PAYSECURE_VERSION));
        }
        return config;
    }

    private static void merchant(Map<String, String> config, String id, String provider, String providerId,
                                 Map<String, String> credentials) {
        String prefix = "adapter.merchants." + id + ".";
        config.put(prefix + "provider", provider);
        config.put(prefix + "provider-merchant-id", providerId);
        credentials.forEach((key, value) -> config.put(prefix + key, value));
    }

    /** Each provider's normal reply in its dialect, as the stub sends it: fixture and content type. */
    public static Action validReply(Received request, String contentType) {
        return validReply(request, contentType, Map.of());
    }

    /** Each provider's normal reply in its dialect, with these extra headers. */
    public static Action validReply(Received request, String contentType, Map<String, String> headers) {
        return switch (request.path()) {
            case MPGS_NVP_PATH -> StubUpstream.reply(200, contentType, headers, Fixtures.bytes("mpgs-nvp/success.txt"));
            case WORLDLINE_PATH -> StubUpstream.reply(201, contentType, headers, Fixtures.bytes("worldline/success.json"));
            case PAYSECURE_PATH -> StubUpstream.reply(200, contentType, headers, Fixtures.bytes("paysecure/success.json"));
            default -> StubUpstream.reply(201, contentType, headers, Fixtures.bytes("mpgs-rest/success.json"));
        };
    }

    /** Each provider's normal answer, after its credential check. */
    public static Function<Received, Action> success() {
        return checkingCredentials(request -> switch (request.path()) {
            case MPGS_NVP_PATH -> StubUpstream.reply(200, "text/plain;charset=UTF-8", Fixtures.bytes("mpgs-nvp/success.txt"));
            case WORLDLINE_PATH -> StubUpstream.reply(201, "application/json",
                    Map.of("X-GCS-RequestId", "3612"), Fixtures.bytes("worldline/success.json"));
            case PAYSECURE_PATH -> StubUpstream.reply(200, "application/json; charset=utf-8", Fixtures.bytes("paysecure/success.json"));
            default -> StubUpstream.reply(201, "application/json;charset=UTF-8",
                    Map.of("Set-Cookie", "gw=1", "X-Gateway-Node", "node-7"), Fixtures.bytes("mpgs-rest/success.json"));
        });
    }

    /** Checks the credentials of whichever provider the path belongs to, then answers with {@code then}. */
    public static Function<Received, Action> checkingCredentials(Function<Received, Action> then) {
        return request -> {
            switch (request.path()) {
                case MPGS_REST_PATH: {
                    String expected = "Basic " + Base64.getEncoder().encodeToString(
                            ("merchant." + MPGS_MERCHANT + ":" + MPGS_PASSWORD).getBytes(StandardCharsets.UTF_8));
                    return expected.equals(request.header("Authorization")) ? then.apply(request)
                            : StubUpstream.reply(401, "application/json;charset=ISO-8859-1",
                                    Fixtures.bytes("mpgs-rest/error-invalid-credentials.json"));
                }
                case MPGS_NVP_PATH: {
                    Map<String, String> form = form(request.bodyText());
                    boolean valid = ("merchant." + MPGS_MERCHANT).equals(form.get("apiUsername"))
                            && MPGS_PASSWORD.equals(form.get("apiPassword")) && MPGS_MERCHANT.equals(form.get("merchant"));
                    return valid ? then.apply(request) : StubUpstream.reply(401, "text/plain;charset=UTF-8",
                            Fixtures.bytes("mpgs-nvp/error-invalid-credentials.txt"));
                }
                case WORLDLINE_PATH:
                    return validWorldlineSignature(request) ? then.apply(request)
                            : StubUpstream.reply(401, "application/json", Fixtures.bytes("worldline/error-401-authorization.json"));
                case PAYSECURE_PATH:
                    if (!"application/json".equals(request.header("Accept"))) {
                        return StubUpstream.reply(200, "text/csv", Fixtures.bytes("paysecure/success.csv"));
                    }
                    return validPaySecureCredentials(request) ? then.apply(request)
                            : StubUpstream.reply(401, "application/json", Fixtures.bytes("paysecure/error-401-unauthorized.json"));
                default:
                    return StubUpstream.reply(404, "text/html", Fixtures.bytes("common/proxy-502.html"));
            }
        };
    }

    /** As Worldline checks it: the signature over what arrived, with the secret of the key id, and a fresh Date. */
    private static boolean validWorldlineSignature(Received request) {
        String authorization = request.header("Authorization");
        String prefix = "GCS v1HMAC:" + WORLDLINE_KEY_ID + ":";
        String date = request.header("Date");
        if (authorization == null || !authorization.startsWith(prefix) || date == null) {
            return false;
        }
        Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        if (Duration.between(sent, Instant.now()).abs().toMinutes() > 15) {
            return false;
        }
        StringBuilder text = new StringBuilder(request.method()).append('\n')
                .append(request.header("Content-Type") == null ? "" : request.header("Content-Type")).append('\n')
                .append(date).append('\n');
        new TreeMap<>(request.headers()).forEach((name, value) -> {
            if (name.startsWith("x-gcs")) {
                text.append(name).append(':').append(value).append('\n');
            }
        });
        text.append(request.path()).append('\n');
        return authorization.substring(prefix.length()).equals(hmac(WORLDLINE_SECRET, text.toString()));
    }

    private static boolean validPaySecureCredentials(Received request) {
        try {
            JsonNode credentials = JSON.readTree(request.body()).path("Credentials");
            return PAYSECURE_MERCHANT.equals(credentials.path("MerchantId").asText())
                    && PAYSECURE_USER.equals(credentials.path("UserName").asText())
                    && PAYSECURE_PASSWORD.equals(credentials.path("Password").asText())
                    && PAYSECURE_VERSION.equals(credentials.path("Version").asText());
        } catch (IOException e) {
            return false;
        }
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
