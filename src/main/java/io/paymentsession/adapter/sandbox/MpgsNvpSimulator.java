package io.paymentsession.adapter.sandbox;

import io.paymentsession.adapter.provider.mpgs.FormCodec;
import java.util.Map;

/**
 * Mastercard Gateway NVP: {@code POST .../api/nvp/version/{version}}, a form with {@code apiOperation=CREATE_SESSION}
 * and the credentials as {@code apiUsername=merchant.{id}}, {@code apiPassword}; the reply a form too.
 */
final class MpgsNvpSimulator extends MastercardSimulator {

    @Override
    public String provider() {
        return "mpgs-nvp";
    }

    @Override
    String merchant(SimulatedRequest request) {
        Map<String, String> form = requestFields(request);
        return request.path().matches("/api/nvp/version/[0-9]+") && "CREATE_SESSION".equals(form.get("apiOperation"))
                ? form.get("merchant") : null;
    }

    @Override
    boolean hasPassword(SimulatedRequest request, String merchant, String password) {
        Map<String, String> form = requestFields(request);
        return password != null && ("merchant." + merchant).equals(form.get("apiUsername"))
                && password.equals(form.get("apiPassword"));
    }

    @Override
    Map<String, String> requestFields(SimulatedRequest request) {
        return FormCodec.decode(request.bodyText()).orElse(Map.of());
    }

    @Override
    int sessionStatus() {
        return 200;
    }

    @Override
    SimulatedReply write(int status, Map<String, String> fields, boolean credentialsRefused) {
        return SimulatedReply.of(status, "text/plain;charset=UTF-8", FormCodec.encode(fields));
    }
}
