package io.paymentsession.adapter.observe;

import io.paymentsession.adapter.store.RedisStore;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness only, with the shared store: DOWN while Redis does not answer its PING (store/RedisStore), so a load
 * balancer sends to the replicas that can serve; UP again once it answers, without a restart. Liveness stays UP: a
 * restart would not bring Redis back. It reads the last PING's answer and never waits.
 */
public final class StoreHealth extends AbstractHealthCheck {

    private final RedisStore redis;

    public StoreHealth(RedisStore redis) {
        super("adapter", "shared-store");
        this.redis = redis;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RedisStore.State state = redis.state();
        builder.detail("redis", redis.address());
        if (state == RedisStore.State.UP) {
            builder.up().message("Redis answers");
        } else {
            builder.down().message(state == RedisStore.State.DOWN ? "Redis does not answer" : "Redis has not answered yet");
        }
    }
}
