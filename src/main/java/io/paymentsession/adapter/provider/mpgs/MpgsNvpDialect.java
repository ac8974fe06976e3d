package io.paymentsession.adapter.provider.mpgs;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.ProviderErrors;
import io.paymentsession.adapter.provider.ProviderSession;
import io.paymentsession.adapter.provider.RequestSecrets;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mastercard Gateway Name-Value Pairs: one form-encoded POST, the credentials in the form. */
public final class MpgsNvpDialect extends MastercardDialect {

    @Override
    public String id() {
        return "mpgs-nvp";
    }

    @Override
    public OutboundRequest request(CreateSessionRequest request, MerchantAccount account, ProviderSettings settings) {
        String merchant = account.providerMerchantId();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("apiOperation", "CREATE_SESSION");
        String password = account.credential("password");
        if (password != null) {
            // no password: the merchant authenticates with the provider's client certificate instead
            form.put("apiUsername", "merchant." + merchant);
            form.put("apiPassword", password);
        }
        form.put("merchant", merchant);
        if (request.correlationId() != null) {
            form.put("correlationId", request.correlationId());
        }
        if (request.authenticationLimit() != null) {
            form.put("session.authenticationLimit", request.authenticationLimit().toString());
        }
        if (request.lineOfBusiness() != null) {
            form.put("lineOfBusiness", request.lineOfBusiness());
        }
        return new OutboundRequest("POST", versionedUrl(settings, "nvp"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"),
                FormCodec.encode(form).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public RequestSecrets secrets() {
        return RequestSecrets.formField("apiPassword");
    }

    /** Whatever its content type (not documented), the reply must decode as a form holding a result. */
    @Override
    public ProviderSession reply(CreateSessionRequest request, UpstreamReply reply) {
        Map<String, String> fields = FormCodec.decode(reply.text().strip())
                .orElseThrow(() -> ProviderErrors.notDialect(reply, "not a form"));
        return MpgsReplies.session(reply, fields);
    }
}
