package io.paymentsession.adapter.stub;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.sandbox.ProviderSimulator;
import io.paymentsession.adapter.sandbox.ProviderSimulator.Answer;
import io.paymentsession.adapter.sandbox.SimulatedReply;
import io.paymentsession.adapter.sandbox.SimulatedRequest;
import io.paymentsession.adapter.sandbox.Simulators;
import io.paymentsession.adapter.stub.StubUpstream.Action;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The four providers as one stub plays them, told apart by path, speaking through the same simulators that sandbox
 * mode serves (sandbox/ProviderSimulator), so one description of each provider serves both: each checks credentials
 * the way the real one does before it does what the test asks, and answers in its dialect. The stub adds what only a
 * test needs: any fault of the network on demand, and the providers' published samples.
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
    /** The good merchants of {@link #liveConfig}, as the simulators check their credentials. */
    private static final List<MerchantAccount> ACCOUNTS = List.of(
            new MerchantAccount("REST01", new Provider("mpgs-rest"), MPGS_MERCHANT, Map.of("password", MPGS_PASSWORD)),
            new MerchantAccount("NVP01", new Provider("mpgs-nvp"), MPGS_MERCHANT, Map.of("password", MPGS_PASSWORD)),
            new MerchantAccount("WL01", new Provider("worldline"), WORLDLINE_MERCHANT,
                    Map.of("api-key-id", WORLDLINE_KEY_ID, "secret-api-key", WORLDLINE_SECRET)),
            new MerchantAccount("PS01", new Provider("paysecure"), PAYSECURE_MERCHANT, Map.of("user-name", PAYSECURE_USER,
                    "password", PAYSECURE_PASSWORD, "api-version", PAYSECURE_VERSION)));

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

    /** Each provider's new session in its dialect (its simulator's), in this content type. */
    public static Action validReply(Received request, String contentType) {
        return validReply(request, contentType, Map.of());
    }

    /** Each provider's new session in its dialect (its simulator's), in this content type, with these extra headers. */
    public static Action validReply(Received request, String contentType, Map<String, String> headers) {
        SimulatedReply session = simulatorOf(request).reply(Answer.SESSION, simulated(request));
        Map<String, String> all = new HashMap<>(session.headers());
        all.putAll(headers);
        return StubUpstream.reply(session.status(), contentType, all, session.body());
    }

    /** Each provider's new session, as its simulator answers it, after its credential check. */
    public static Function<Received, Action> success() {
        return checkingCredentials(request -> answer(request, Answer.SESSION));
    }

    /** One of the provider's own answers (a session, a field error, busy, failed), as its simulator gives it. */
    public static Action answer(Received request, Answer answer) {
        return action(simulatorOf(request).reply(answer, simulated(request)));
    }

    /**
     * Each provider's published sample session (test/resources/fixtures), after its credential check: for the tests
     * that map the samples' exact values (.NET dates, invalid tokens, a percent-encoded key).
     */
    public static Function<Received, Action> samples() {
        return checkingCredentials(request -> switch (request.path()) {
            case MPGS_NVP_PATH -> StubUpstream.reply(200, "text/plain;charset=UTF-8", Fixtures.bytes("mpgs-nvp/success.txt"));
            case WORLDLINE_PATH -> StubUpstream.reply(201, "application/json",
                    Map.of("X-GCS-RequestId", "3612"), Fixtures.bytes("worldline/success.json"));
            case PAYSECURE_PATH -> StubUpstream.reply(200, "application/json; charset=utf-8", Fixtures.bytes("paysecure/success.json"));
            default -> StubUpstream.reply(201, "application/json;charset=UTF-8",
                    Map.of("Set-Cookie", "gw=1", "X-Gateway-Node", "node-7"), Fixtures.bytes("mpgs-rest/success.json"));
        });
    }

    /**
     * The credentials checked by the simulator of whichever provider the path belongs to (sandbox/ProviderSimulator:
     * Basic auth or the NVP form fields, the v1HMAC signature recomputed from what arrived, the Credentials object),
     * with the good merchants of {@link #liveConfig}; refused ones get the provider's own reply. Then {@code then}.
     */
    public static Function<Received, Action> checkingCredentials(Function<Received, Action> then) {
        return request -> {
            if (!List.of(MPGS_REST_PATH, MPGS_NVP_PATH, WORLDLINE_PATH, PAYSECURE_PATH).contains(request.path())) {
                return StubUpstream.reply(404, "text/html", Fixtures.bytes("common/proxy-502.html"));
            }
            if (request.path().equals(PAYSECURE_PATH) && !"application/json".equals(request.header("Accept"))) {
                // ServiceStack answers in the format asked for: without Accept, not JSON
                return StubUpstream.reply(200, "text/csv", Fixtures.bytes("paysecure/success.csv"));
            }
            ProviderSimulator simulator = simulatorOf(request);
            return simulator.authentic(simulated(request), ACCOUNTS) ? then.apply(request)
                    : action(simulator.reply(Answer.BAD_CREDENTIALS, simulated(request)));
        };
    }

    private static ProviderSimulator simulatorOf(Received request) {
        String provider = switch (request.path()) {
            case MPGS_NVP_PATH -> "mpgs-nvp";
            case WORLDLINE_PATH -> "worldline";
            case PAYSECURE_PATH -> "paysecure";
            default -> "mpgs-rest";
        };
        return Simulators.of(provider).orElseThrow();
    }

    private static SimulatedRequest simulated(Received request) {
        return new SimulatedRequest(request.method(), request.path(), request.headers(), request.body());
    }

    private static Action action(SimulatedReply reply) {
        return StubUpstream.reply(reply.status(), reply.contentType(), reply.headers(), reply.body());
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
