package io.paymentsession.adapter.sandbox;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.sandbox.ProviderSimulator.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulated providers of sandbox mode, served by the adapter itself on loopback, on an ephemeral port. A
 * provider's sandbox base URL names the provider and the behaviour: {@code http://127.0.0.1:<port>/<provider>/<behaviour>};
 * the dialect appends its own path to it as it would to the real base URL. {@link Behaviour#UNAVAILABLE}'s base URL
 * is a loopback port that is bound but never listens: the connection is refused there, as it would be live.
 * <p>
 * The dialect's own answers come from its {@link ProviderSimulator}, after the simulator has checked the merchant's
 * credentials as the provider would (bad ones get the provider's bad-credentials reply, whatever the behaviour). What
 * the network or a proxy does is the same for every provider and is done here.
 */
public final class SandboxProviders implements AutoCloseable {

    /** What an nginx in front of a provider answers when the provider is down. */
    static final String PROXY_PAGE = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    static final long SLOW_MS = 1_000;
    /** Far above any request a dialect builds (the canonical request is at most 64 KiB). */
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final String LOOPBACK = "127.0.0.1";

    private final Vertx vertx;
    private final Map<String, List<MerchantAccount>> merchants;
    private final HttpServer server;
    /** Bound to a loopback port and never listening: a connection there is refused. */
    private final Socket refusing;

    private SandboxProviders(Vertx vertx, Collection<MerchantAccount> merchants) throws IOException {
        this.vertx = vertx;
        this.merchants = merchants.stream().collect(Collectors.groupingBy(account -> account.provider().id()));
        this.refusing = new Socket();
        refusing.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(LOOPBACK).setPort(0));
    }

    /** Starts the simulators on a free loopback port. */
    public static SandboxProviders start(Vertx vertx, Collection<MerchantAccount> merchants) {
        try {
            SandboxProviders sandbox = new SandboxProviders(vertx, merchants);
            sandbox.server.requestHandler(sandbox::handle).listen().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox providers cannot bind a loopback port", e);
        } catch (Exception e) {
            throw new IllegalStateException("the sandbox providers cannot listen on loopback", e);
        }
    }

    /** The base URL that gives this behaviour of this provider's simulator. */
    public String baseUrl(String provider, Behaviour behaviour) {
        if (behaviour == Behaviour.UNAVAILABLE) {
            return "http://" + LOOPBACK + ":" + refusing.getLocalPort();
        }
        return "http://" + LOOPBACK + ":" + server.actualPort() + "/" + provider + "/" + behaviour.segment();
    }

    /**
     * Each request's settings for one provider: its own, with the base URL of the behaviour the request's
     * correlationId chooses. Whatever URL the configuration gives, no request goes anywhere else.
     */
    public Function<CreateSessionRequest, ProviderSettings> settingsFor(ProviderSettings settings) {
        Map<Behaviour, ProviderSettings> byBehaviour = new EnumMap<>(Behaviour.class);
        for (Behaviour behaviour : Behaviour.values()) {
            byBehaviour.put(behaviour, settings.withUrl(baseUrl(settings.provider(), behaviour)));
        }
        return request -> byBehaviour.get(Behaviour.of(request.correlationId()));
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
        try {
            refusing.close();
        } catch (IOException e) {
            // nothing was listening
        }
    }

    private void handle(HttpServerRequest request) {
        String[] parts = request.path().split("/", 4); // "", provider, behaviour, the dialect's path
        ProviderSimulator simulator = parts.length == 4 ? Simulators.of(parts[1]).orElse(null) : null;
        Behaviour behaviour = parts.length == 4 ? Behaviour.ofSegment(parts[2]) : null;
        if (simulator == null || behaviour == null) {
            send(request.response(), SimulatedReply.of(404, "text/html", "<html><body>Not Found</body></html>"));
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.matches("[0-9]{1,7}") || Integer.parseInt(length) > MAX_REQUEST_BYTES) {
            // the dialects send a small body with its length; anything else is not the adapter's request
            send(request.response().putHeader(HttpHeaders.CONNECTION, "close"), SimulatedReply.of(413, "text/html",
                    "<html><body>Request Entity Too Large</body></html>"));
            return;
        }
        String path = "/" + parts[3] + (request.query() == null ? "" : "?" + request.query());
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(header -> headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
        request.body().onSuccess(body -> answer(request, simulator, behaviour,
                new SimulatedRequest(request.method().name(), path, headers, body.getBytes())));
    }

    private void answer(HttpServerRequest request, ProviderSimulator simulator, Behaviour behaviour, SimulatedRequest received) {
        HttpServerResponse response = request.response();
        switch (behaviour) {
            case TIMEOUT -> {
                // held without a reply: the adapter gives up at its response timeout and closes the connection
            }
            case RESET -> reset(request.connection());
            case HTML -> send(response, SimulatedReply.of(502, "text/html", PROXY_PAGE));
            case SLOW -> vertx.setTimer(SLOW_MS, id -> send(response, dialectReply(simulator, behaviour, received)));
            case TRUNCATED -> cutShort(request, dialectReply(simulator, behaviour, received));
            default -> send(response, dialectReply(simulator, behaviour, received));
        }
    }

    /** The provider's own reply: its bad-credentials reply unless the request is signed with a merchant's credentials. */
    private SimulatedReply dialectReply(ProviderSimulator simulator, Behaviour behaviour, SimulatedRequest request) {
        boolean authentic = simulator.authentic(request, merchants.getOrDefault(simulator.provider(), List.of()));
        Answer answer = !authentic ? Answer.BAD_CREDENTIALS : switch (behaviour) {
            case FIELD_ERROR -> Answer.FIELD_ERROR;
            case AUTH -> Answer.BAD_CREDENTIALS;
            case BUSY -> Answer.BUSY;
            case FAIL -> Answer.FAILED;
            default -> Answer.SESSION;
        };
        return simulator.reply(answer, request);
    }

    private static void send(HttpServerResponse response, SimulatedReply reply) {
        if (response.closed()) {
            return; // the adapter gave up first (a slow reply past a short response timeout)
        }
        response.setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(reply.body()));
    }

    /** The reply's head and the first half of its body, its whole length announced; then the connection closes. */
    private static void cutShort(HttpServerRequest request, SimulatedReply reply) {
        HttpServerResponse response = request.response()
                .setStatusCode(reply.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType())
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(reply.body().length));
        response.write(Buffer.buffer(Arrays.copyOf(reply.body(), reply.body().length / 2)))
                .onComplete(written -> request.connection().close());
    }

    /** An abortive close: with SO_LINGER 0 the socket sends a TCP RST instead of a FIN. */
    private static void reset(HttpConnection connection) {
        // Vert.x has no public reset for an HTTP/1.1 connection; its Netty channel does it
        Channel channel = ((ConnectionBase) connection).channel();
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }
}
