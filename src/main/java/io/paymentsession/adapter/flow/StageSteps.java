package io.paymentsession.adapter.flow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * Runs an asynchronous route step whose answer is a {@link CompletionStage} (a store's): an answer already there (the
 * in-memory stores') goes on in the same thread, synchronously; a networked store's goes on in the thread that
 * completes it, and no thread waits meanwhile. A failure, thrown or completed, becomes the exchange's exception.
 */
public final class StageSteps {

    private StageSteps() {
    }

    /** Camel's AsyncProcessor contract: true when the step ended synchronously (its callback already done). */
    public static <T> boolean process(Exchange exchange, AsyncCallback callback, Supplier<? extends CompletionStage<T>> call,
                                      BiConsumer<Exchange, T> onAnswer) {
        CompletableFuture<T> answer;
        try {
            answer = call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (answer.isDone()) {
            settle(exchange, answer, onAnswer);
            callback.done(true);
            return true;
        }
        answer.whenComplete((value, failure) -> {
            settle(exchange, answer, onAnswer);
            callback.done(false);
        });
        return false;
    }

    private static <T> void settle(Exchange exchange, CompletableFuture<T> answer, BiConsumer<Exchange, T> onAnswer) {
        T value;
        try {
            value = answer.join();
        } catch (RuntimeException failure) {
            exchange.setException(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            return;
        }
        onAnswer.accept(exchange, value);
    }
}
