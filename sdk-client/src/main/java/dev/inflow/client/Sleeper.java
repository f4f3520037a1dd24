package dev.inflow.client;

import java.time.Duration;

/**
 * How the client waits between retries. The default sleeps the calling thread; tests pass one that
 * records the wait and returns at once.
 *
 * <p>Implementations must be thread-safe when the client is shared.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for the duration.
   *
   * @param duration how long; zero or more
   * @throws InterruptedException when the thread is interrupted while waiting; the client then
   *     stops retrying, keeps the interrupt flag set and throws the failure that caused the wait
   */
  void sleep(Duration duration) throws InterruptedException;

  /** @return a sleeper that blocks the calling thread with {@link Thread#sleep} */
  static Sleeper system() {
    return duration -> {
      if (!duration.isZero() && !duration.isNegative()) {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    };
  }
}
