package io.paymentsession.adapter.lifecycle;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness only: DOWN from the first moment of a drain, so load balancers stop sending; liveness stays UP. */
public final class DrainHealth extends AbstractHealthCheck {

    private final Drain drain;

    public DrainHealth(Drain drain) {
        super("adapter", "accepting-requests");
        this.drain = drain;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (drain.draining()) {
            builder.down().message("stopping: new requests are refused, accepted ones finish");
        } else {
            builder.up();
        }
    }
}
