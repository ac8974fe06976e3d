package io.paymentsession.adapter;

import io.paymentsession.adapter.api.CanonicalReplies;
import io.paymentsession.adapter.api.HttpGate;
import io.paymentsession.adapter.api.OpenApiDocument;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.flow.StageSteps;
import io.paymentsession.adapter.idempotency.ClaimIdempotencyKey;
import io.paymentsession.adapter.idempotency.IdempotentReplay;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.observe.Operation;
import io.paymentsession.adapter.store.SessionStore;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The steps the API, create-session, session-store and error routes call by name ({@code process: ref:}), each a
 * plain {@link Processor}: no reflective bean call and no expression language on the way of every request.
 */
final class RouteSteps {

    /** The route that serves each provider's requests, named once; routes/create-session.camel.yaml calls it with toD. */
    private static final Map<Provider, String> ROUTES = new ConcurrentHashMap<>();

    private RouteSteps() {
    }

    static void bind(Registry registry, HttpGate gate, CreateSessionRequestParser parser, MerchantDirectory directory,
                     SessionStore store, ClaimIdempotencyKey claimIdempotencyKey, CanonicalReplies replies) {
        registry.bind("checkPostJson", (Processor) gate::acceptCreate);
        registry.bind("checkGet", (Processor) gate::acceptRead);
        registry.bind("markDryRun", (Processor) RouteSteps::markDryRun);
        registry.bind("checkDryRunPostJson", (Processor) exchange -> {
            markDryRun(exchange);
            gate.acceptCreate(exchange);
        });
        registry.bind("parseRequest", (Processor) exchange -> {
            Message message = exchange.getMessage();
            CreateSessionRequest request = parser.parse(bodyBytes(message));
            exchange.setProperty(ExchangeProperties.SESSION_REQUEST, request);
            message.setBody(request);
        });
        registry.bind("resolveMerchant", (Processor) exchange -> {
            MerchantAccount account = directory.accountFor(request(exchange));
            exchange.setProperty(ExchangeProperties.MERCHANT_ACCOUNT, account);
            exchange.setProperty(ExchangeProperties.PROVIDER_ROUTE, ROUTES.computeIfAbsent(account.provider(), RouteSteps::routeOf));
        });
        registry.bind("claimIdempotencyKey", claimIdempotencyKey);
        registry.bind("storeSession", bodyFrom(exchange -> store.create(request(exchange))));
        registry.bind("findSession", bodyFrom(exchange -> store.find(exchange.getMessage().getHeader("id", String.class))));
        registry.bind("replyCreated", (Processor) replies::created);
        registry.bind("replyFound", (Processor) replies::found);
        registry.bind("replyDryRun", (Processor) replies::dryRun);
        registry.bind("checkGetDocument", (Processor) gate::acceptDocumentRead);
        String openApiDocument = OpenApiDocument.read(); // once, at start: served from memory
        registry.bind("replyOpenApiDocument", (Processor) exchange -> replies.document(exchange, openApiDocument));
        // a kept reply ends its request the way an error does (idempotency/IdempotentReplay): it is written here too
        registry.bind("replyError", (Processor) exchange -> {
            if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof IdempotentReplay replay) {
                replies.replay(exchange, replay.reply());
            } else {
                replies.error(exchange);
            }
        });
    }

    /** A step whose answer comes from a session store, as the body (flow/StageSteps: no thread waits for it). */
    private static AsyncProcessor bodyFrom(Function<Exchange, CompletionStage<?>> call) {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                return StageSteps.process(exchange, callback, () -> call.apply(exchange),
                        (done, body) -> done.getMessage().setBody(body));
            }
        };
    }

    /** The reply, its access line and its metrics are the dry run's, not a create's, refusals included. */
    private static void markDryRun(Exchange exchange) {
        exchange.setProperty(ExchangeProperties.ACCESS_OPERATION, Operation.DRY_RUN);
    }

    /**
     * The HTTP door's body is a Vert.x Buffer: its bytes are taken as they are, where Camel's converters would
     * copy them through a stream and an 8 KB buffer. Any other caller's body goes through the converters.
     */
    private static byte[] bodyBytes(Message message) {
        return message.getBody() instanceof Buffer buffer ? buffer.getBytes() : message.getBody(byte[].class);
    }

    private static CreateSessionRequest request(Exchange exchange) {
        return exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
    }

    /** {@code direct:provider-<id>}, the provider's templated route (routes/providers.camel.yaml), or the local store. */
    private static String routeOf(Provider provider) {
        return Provider.LOCAL.equals(provider) ? "direct:session-store" : "direct:provider-" + provider.id();
    }
}
