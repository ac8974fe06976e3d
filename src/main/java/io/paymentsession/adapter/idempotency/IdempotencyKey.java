package io.paymentsession.adapter.idempotency;

/** A key's scope: one merchant's {@code Idempotency-Key}. Two merchants never see each other's keys. */
public record IdempotencyKey(String merchantId, String key) {
}
