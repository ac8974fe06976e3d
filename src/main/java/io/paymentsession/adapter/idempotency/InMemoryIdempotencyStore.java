package io.paymentsession.adapter.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys of one instance, in memory, on Caffeine as the session store is: each entry expires on its own (a hold
 * after its lease, a kept reply after the ttl), and at most {@code maxKeys} are held. Every step is one atomic map
 * operation, so concurrent requests with one key see exactly one winner.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Cache<IdempotencyKey, Entry> entries;
    private final AtomicLong tokens = new AtomicLong();

    /** A key's state. Its lifetime is measured from when it was written. */
    private sealed interface Entry {
        String fingerprint();

        Duration lifetime();
    }

    /** Two holds are the same when their tokens are: a token is never given twice. */
    private record Held(String fingerprint, String token, Duration lifetime) implements Entry {
        @Override
        public boolean equals(Object other) {
            return other instanceof Held held && held.token.equals(token);
        }

        @Override
        public int hashCode() {
            return token.hashCode();
        }
    }

    private record Kept(String fingerprint, KeptReply reply, Duration lifetime) implements Entry {
    }

    public InMemoryIdempotencyStore(int maxKeys) {
        this(maxKeys, Ticker.systemTicker());
    }

    /** Tests pass a fake ticker to move time. */
    InMemoryIdempotencyStore(int maxKeys, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(maxKeys)
                .expireAfter(new Expiry<IdempotencyKey, Entry>() {
                    @Override
                    public long expireAfterCreate(IdempotencyKey key, Entry entry, long now) {
                        return entry.lifetime().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(IdempotencyKey key, Entry entry, long now, long remaining) {
                        return entry.lifetime().toNanos();
                    }

                    @Override
                    public long expireAfterRead(IdempotencyKey key, Entry entry, long now, long remaining) {
                        return remaining;
                    }
                })
                // its upkeep runs in the calling thread, as the session store's does: no common-pool wake-up per key
                .executor(Runnable::run)
                .build();
    }

    @Override
    public CompletionStage<ClaimResult> claim(IdempotencyKey key, String fingerprint, Duration lease) {
        Held hold = new Held(fingerprint, Long.toString(tokens.incrementAndGet()), lease);
        // putIfAbsent takes an expired entry's place: a lapsed hold frees its key
        Entry found = entries.asMap().putIfAbsent(key, hold);
        ClaimResult result;
        if (found == null) {
            result = new ClaimResult.Claimed(new Claim(key, fingerprint, hold.token()));
        } else if (!found.fingerprint().equals(fingerprint)) {
            result = ClaimResult.OTHER_REQUEST;
        } else if (found instanceof Kept kept) {
            result = new ClaimResult.Replay(kept.reply());
        } else {
            result = ClaimResult.IN_PROGRESS;
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public CompletionStage<Void> keep(Claim claim, KeptReply reply, Duration ttl) {
        heldBy(claim).ifPresent(hold -> entries.asMap().replace(claim.key(), hold, new Kept(claim.fingerprint(), reply, ttl)));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> release(Claim claim) {
        heldBy(claim).ifPresent(hold -> entries.asMap().remove(claim.key(), hold));
        return CompletableFuture.completedFuture(null);
    }

    /** The key's hold if it is this claim's; replace and remove then act only if it still is (compare and set). */
    private Optional<Held> heldBy(Claim claim) {
        return entries.asMap().get(claim.key()) instanceof Held hold && hold.token().equals(claim.token())
                ? Optional.of(hold) : Optional.empty();
    }

    /** Keys held or kept now, expired ones aside once cleaned up. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
