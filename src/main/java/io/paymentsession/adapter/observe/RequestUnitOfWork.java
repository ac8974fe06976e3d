package io.paymentsession.adapter.observe;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;

/**
 * Camel's unit of work, plus the request's ids ({@link RequestIds}): it takes the request id when the exchange
 * enters the adapter's routes (and removes the header, so it is never sent to a provider), and keeps the ids in the
 * MDC of every thread the exchange runs on.
 *
 * <p>Camel's own MDC logging ({@code camel.main.use-mdc-logging}) puts and removes eight keys around every step and
 * copies the MDC at each one; here a step costs a thread-local read while the ids stay the same, and the MDC
 * changes once per hop: before the first step on a thread, when the route resumes on another thread (a provider's
 * reply, the Redis store), and when an id becomes known. It is cleared when the exchange leaves a thread: after a
 * resumed part, when the exchange is done, and after the synchronous part on the API's event loop (AsyncHttpEngine).
 */
public final class RequestUnitOfWork extends DefaultUnitOfWork {

    private final Exchange exchange;

    private RequestUnitOfWork(Exchange exchange) {
        super(exchange, exchange.getContext().getInflightRepository(),
                Boolean.TRUE.equals(exchange.getContext().isAllowUseOriginalMessage()),
                Boolean.TRUE.equals(exchange.getContext().isUseBreadcrumb()));
        this.exchange = exchange;
        if (exchange.getProperty(RequestIds.PROPERTY) == null) {
            Message in = exchange.getIn();
            exchange.setProperty(RequestIds.PROPERTY, RequestIds.accept(in.getHeader(RequestIds.HEADER)));
            in.removeHeader(RequestIds.HEADER);
        }
    }

    /** Bound in the registry, where Camel looks for it: every exchange of the adapter's routes gets this unit of work. */
    public static final class Factory implements UnitOfWorkFactory {

        @Override
        public UnitOfWork createUnitOfWork(Exchange exchange) {
            return new RequestUnitOfWork(exchange);
        }
    }

    @Override
    public boolean isBeforeAfterProcess() {
        return true;
    }

    @Override
    public AsyncCallback beforeProcess(Processor processor, Exchange exchange, AsyncCallback callback) {
        RequestIds.enter(exchange);
        return doneSync -> {
            if (doneSync) {
                callback.done(true);
                return;
            }
            // the step completed on another thread, or later on this one: the route goes on here, with the ids
            RequestIds.enter(exchange);
            try {
                callback.done(false);
            } finally {
                RequestIds.leave();
            }
        };
    }

    @Override
    protected void onDone() {
        super.onDone();
        RequestIds.leave(exchange);
    }
}
