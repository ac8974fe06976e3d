package io.paymentsession.adapter.idempotency;

import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.store.RedisStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The keys of every replica, in Redis: {@code psa:idempotency:<merchantId>:<key>} (a merchantId holds no colon).
 * <ul>
 *   <li>claim: one atomic command, {@code SET key <hold> NX PX <lease>}, so of any number of requests on any replicas
 *   exactly one holds the key. Only when the key is taken is it read ({@code GET}), to tell a replay, a request in
 *   flight and another request apart; if it lapsed in between, the claim is tried again.</li>
 *   <li>keep and release: a Lua script (one atomic step in Redis) that acts only if the key still holds this claim's
 *   hold, whose token (a random UUID) no other claim on any replica has.</li>
 * </ul>
 * Values: {@code held <fingerprint> <token>}, or {@code kept <fingerprint> <status> <Retry-After|-> <cause|-> <body>}.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

    static final String KEY_PREFIX = "psa:idempotency:";
    private static final String HELD = "held";
    private static final String KEPT = "kept";
    private static final String NONE = "-";
    private static final String KEEP_IF_HELD =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";
    private static final String RELEASE_IF_HELD =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private final RedisStore redis;

    public RedisIdempotencyStore(RedisStore redis) {
        this.redis = redis;
    }

    @Override
    public CompletionStage<ClaimResult> claim(IdempotencyKey key, String fingerprint, Duration lease) {
        Claim claim = new Claim(key, fingerprint, UUID.randomUUID().toString());
        String redisKey = redisKey(key);
        return redis.send(Request.cmd(Command.SET).arg(redisKey).arg(hold(claim)).arg("NX").arg("PX").arg(lease.toMillis()))
                .thenCompose(set -> set != null
                        ? CompletableFuture.completedFuture(new ClaimResult.Claimed(claim))
                        : redis.send(Request.cmd(Command.GET).arg(redisKey)).thenCompose(found -> found == null
                                ? claim(key, fingerprint, lease) // the hold lapsed or was released meanwhile
                                : CompletableFuture.completedFuture(found(found.toString(), fingerprint))));
    }

    @Override
    public CompletionStage<Void> keep(Claim claim, KeptReply reply, Duration ttl) {
        String kept = String.join(" ", KEPT, claim.fingerprint(), Integer.toString(reply.status()),
                reply.retryAfter() == null ? NONE : reply.retryAfter(), reply.cause() == null ? NONE : reply.cause().name(),
                new String(reply.body(), StandardCharsets.UTF_8));
        return redis.send(Request.cmd(Command.EVAL).arg(KEEP_IF_HELD).arg(1).arg(redisKey(claim.key()))
                .arg(hold(claim)).arg(kept).arg(ttl.toMillis())).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> release(Claim claim) {
        return redis.send(Request.cmd(Command.EVAL).arg(RELEASE_IF_HELD).arg(1).arg(redisKey(claim.key())).arg(hold(claim)))
                .thenApply(done -> null);
    }

    private static String redisKey(IdempotencyKey key) {
        return KEY_PREFIX + key.merchantId() + ":" + key.key();
    }

    private static String hold(Claim claim) {
        return HELD + " " + claim.fingerprint() + " " + claim.token();
    }

    /** What another request left under the key, seen by a request with this fingerprint. */
    private static ClaimResult found(String value, String fingerprint) {
        String[] parts = value.split(" ", 6);
        if (!parts[1].equals(fingerprint)) {
            return ClaimResult.OTHER_REQUEST;
        }
        if (parts[0].equals(HELD)) {
            return ClaimResult.IN_PROGRESS;
        }
        return new ClaimResult.Replay(new KeptReply(Integer.parseInt(parts[2]), parts[3].equals(NONE) ? null : parts[3],
                parts[5].getBytes(StandardCharsets.UTF_8), parts[4].equals(NONE) ? null : Cause.valueOf(parts[4])));
    }
}
