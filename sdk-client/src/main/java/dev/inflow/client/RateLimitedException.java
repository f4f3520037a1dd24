package dev.inflow.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Too many requests (429): the user or the tenant used up its rate limit. The client already
 * waited and retried as far as it was allowed to (see {@link InflowClient.Builder#maxRetries} and
 * {@link InflowClient.Builder#maxRetryAfter}); {@link #retryAfter()} says how long to wait before
 * trying again.
 */
public class RateLimitedException extends InflowApiException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   * @param retryAfter the wait the server asked for in {@code Retry-After}, if any
   */
  public RateLimitedException(String message, int status, Problem problem, Optional<Duration> retryAfter) {
    super(message, status, problem, null);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter").orElse(null);
  }

  /** @return how long the server asked the client to wait, when it said */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
