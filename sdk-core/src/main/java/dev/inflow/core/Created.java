package dev.inflow.core;

/**
 * The result of a create call that carried an idempotency key.
 *
 * @param value what was created (or created earlier, on a replay)
 * @param replayed true when the key had been used before with the same request, so nothing new
 *     was created and {@code value} is the earlier result
 * @param <T> the created type
 */
public record Created<T>(T value, boolean replayed) {}
