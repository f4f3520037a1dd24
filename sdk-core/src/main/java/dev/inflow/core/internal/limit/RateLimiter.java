package dev.inflow.core.internal.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.Caller;
import dev.inflow.core.Limits;
import dev.inflow.core.RateLimitedException;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets per user and per tenant, for reads and writes, held in memory (Caffeine). Each
 * node limits on its own: with N nodes behind a balancer a user gets at most N times the rate,
 * which is fine for abuse control and avoids a database write per request.
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {
  private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
      .expireAfterAccess(Duration.ofMinutes(10))
      .maximumSize(500_000)
      .build();
  private final Clock clock;
  private final Limits limits;

  public RateLimiter(Clock clock, Limits limits) {
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * Takes one write from the caller's and the tenant's buckets.
   *
   * @throws RateLimitedException when either is empty
   */
  public void acquireWrite(Caller caller) {
    acquire("w|u|" + caller.tenantId() + "|" + caller.userId().orElse(""), limits.userWritesPerMinute(),
        "too many changes by this user");
    acquire("w|t|" + caller.tenantId(), limits.tenantWritesPerMinute(), "too many changes in this organisation");
  }

  /**
   * Takes one read from the caller's and the tenant's buckets.
   *
   * @param clientKey identifies anonymous callers (e.g. their address); ignored when signed in
   * @throws RateLimitedException when either is empty
   */
  public void acquireRead(Caller caller, String clientKey) {
    acquire("r|u|" + caller.tenantId() + "|" + caller.userId().orElse("anon:" + clientKey), limits.userReadsPerMinute(),
        "too many requests by this user");
    acquire("r|t|" + caller.tenantId(), limits.tenantReadsPerMinute(), "too many requests in this organisation");
  }

  private void acquire(String key, int perMinute, String message) {
    Bucket bucket = buckets.get(key, k -> new Bucket(perMinute, clock.millis()));
    long waitMillis = bucket.take(perMinute, clock.millis());
    if (waitMillis > 0) {
      throw new RateLimitedException(message, Duration.ofSeconds(Math.max(1, (waitMillis + 999) / 1000)));
    }
  }

  /** A token bucket holding up to {@code perMinute} tokens, refilled continuously. */
  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(int perMinute, long now) {
      this.tokens = perMinute;
      this.updatedAt = now;
    }

    /** @return 0 if a token was taken, else milliseconds until one will be there */
    synchronized long take(int perMinute, long now) {
      double perMilli = perMinute / 60_000.0;
      if (now > updatedAt) {
        tokens = Math.min(perMinute, tokens + (now - updatedAt) * perMilli);
        updatedAt = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perMilli);
    }
  }
}
