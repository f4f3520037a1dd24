package dev.inflow.core;

import java.time.Duration;

/** The caller (or its whole tenant) has used up its allowance; retry after {@link #retryAfter()}. */
public final class RateLimitedException extends InflowException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  /**
   * @param message which limit, e.g. "too many writes by this user"; never null
   * @param retryAfter how long until one more request is allowed; positive
   */
  public RateLimitedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** @return how long until one more request is allowed, at least one second */
  public Duration retryAfter() {
    return retryAfter;
  }
}
