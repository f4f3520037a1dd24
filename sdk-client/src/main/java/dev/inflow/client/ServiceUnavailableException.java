package dev.inflow.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server is temporarily unable to answer (503), e.g. its database is unreachable; nothing was
 * changed. The client already waited and retried as far as it was allowed to;
 * {@link #retryAfter()} says how long the server suggests waiting before trying again.
 */
public class ServiceUnavailableException extends ServerException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   * @param retryAfter the wait the server asked for in {@code Retry-After}, if any
   */
  public ServiceUnavailableException(String message, int status, Problem problem, Optional<Duration> retryAfter) {
    super(message, status, problem);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter").orElse(null);
  }

  /** @return how long the server asked the client to wait, when it said */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
