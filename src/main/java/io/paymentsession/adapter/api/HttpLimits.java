package io.paymentsession.adapter.api;

/**
 * How long a client may stall the API port, and how many connections it may hold ({@code adapter.http.*}).
 *
 * @param idleTimeoutMs an open connection with no request under way and no byte arriving
 * @param headerTimeoutMs from connection open, or from the first byte of a later request, to its complete head
 * @param bodyTimeoutMs from a request's complete head to its last body byte
 * @param maxConnections open API connections; one more is refused at once
 */
public record HttpLimits(int idleTimeoutMs, int headerTimeoutMs, int bodyTimeoutMs, int maxConnections) {

    public static final HttpLimits DEFAULTS = new HttpLimits(60_000, 10_000, 30_000, 256);
}
