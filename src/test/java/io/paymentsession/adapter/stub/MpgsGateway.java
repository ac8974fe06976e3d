package io.paymentsession.adapter.stub;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.stub.StubUpstream.Action;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The Mastercard Gateway as the stub plays it: it checks the credentials of both dialects the way the
 * real one does (401 "Invalid credentials." without a challenge), then does what the test asks.
 */
public final class MpgsGateway {

    public static final String MERCHANT = "TESTAB2894354";
    public static final String PASSWORD = "gw-api-password-7f3a9c";
    private static final String REST_PATH = "/api/rest/version/100/merchant/" + MERCHANT + "/session";
    private static final String NVP_PATH = "/api/nvp/version/100";

    private MpgsGateway() {
    }

    /** Checks credentials, then answers with {@code then}. */
    public static Function<Received, Action> checkingCredentials(Function<Received, Action> then) {
        return request -> {
            if (request.path().equals(REST_PATH)) {
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        ("merchant." + MERCHANT + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(request.header("Authorization"))) {
                    return StubUpstream.reply(401, "application/json;charset=ISO-8859-1",
                            Fixtures.bytes("mpgs-rest/error-invalid-credentials.json"));
                }
                return then.apply(request);
            }
            if (request.path().equals(NVP_PATH)) {
                Map<String, String> form = form(request.bodyText());
                if (!("merchant." + MERCHANT).equals(form.get("apiUsername")) || !PASSWORD.equals(form.get("apiPassword"))
                        || !MERCHANT.equals(form.get("merchant"))) {
                    return StubUpstream.reply(401, "text/plain;charset=UTF-8",
                            Fixtures.bytes("mpgs-nvp/error-invalid-credentials.txt"));
                }
                return then.apply(request);
            }
            return StubUpstream.reply(404, "text/html", Fixtures.bytes("common/proxy-502.html"));
        };
    }

    /** The gateway's normal answer in the dialect the request came in. */
    public static Function<Received, Action> success() {
        return checkingCredentials(request -> request.path().equals(NVP_PATH)
                ? StubUpstream.reply(200, "text/plain;charset=UTF-8", Fixtures.bytes("mpgs-nvp/success.txt"))
                : StubUpstream.reply(201, "application/json;charset=UTF-8",
                        Map.of("Set-Cookie", "gw=1", "X-Gateway-Node", "node-7"), Fixtures.bytes("mpgs-rest/success.json")));
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
