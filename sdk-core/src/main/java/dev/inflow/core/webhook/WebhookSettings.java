package dev.inflow.core.webhook;

import java.time.Duration;

/**
 * How webhook deliveries are sent.
 *
 * @param timeout how long one delivery may take, connecting included
 * @param maxAttempts deliveries before one is dead-lettered
 */
public record WebhookSettings(Duration timeout, int maxAttempts) {
  public WebhookSettings {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive (got " + timeout + ")");
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 100 (got " + maxAttempts + ")");
    }
  }

  /** @return 10-second deliveries, 8 attempts (spread over about an hour and a half by the backoff) */
  public static WebhookSettings defaults() {
    return new WebhookSettings(Duration.ofSeconds(10), 8);
  }
}
