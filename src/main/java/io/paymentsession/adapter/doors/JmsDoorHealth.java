package io.paymentsession.adapter.doors;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.jms.JmsConsumer;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Readiness only, with the JMS door on: DOWN while the door does not consume its queue (the broker unreachable at
 * start-up or since, the listener container between two attempts to reach it again), UP once a consumer is
 * registered on the queue again, without a restart. Liveness stays UP: a restart would not bring the broker back. It
 * reads the listener container's state and never waits.
 */
public final class JmsDoorHealth extends AbstractHealthCheck {

    private final CamelContext context;
    private final String queue;

    JmsDoorHealth(CamelContext context, String queue) {
        super("adapter", "jms-door");
        this.context = context;
        this.queue = queue;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("queue", queue);
        Route route = context.getRoute(JmsDoor.ROUTE_ID);
        if (route == null || !(route.getConsumer() instanceof JmsConsumer consumer) || !consumer.isStarted()) {
            builder.down().message("the JMS door is not started");
            return;
        }
        AbstractMessageListenerContainer container;
        try {
            container = consumer.getListenerContainer();
        } catch (Exception e) {
            builder.down().message("the JMS door has no listener");
            return;
        }
        if (container instanceof DefaultMessageListenerContainer listener && listener.isRegisteredWithDestination()
                && !listener.isRecovering()) {
            builder.up().message("consuming the queue");
        } else {
            builder.down().message("the broker cannot be reached; reconnecting");
        }
    }
}
