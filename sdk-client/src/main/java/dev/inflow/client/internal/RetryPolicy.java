package dev.inflow.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retrying: what the server asked for in {@code Retry-After} when it said,
 * else exponential backoff with full jitter (a random wait between zero and a ceiling that doubles
 * per retry), so that many clients failing at once do not come back in lockstep.
 *
 * <p>Thread-safe when the random source is.
 */
public final class RetryPolicy {
  /** Ceiling of the first backoff. */
  static final Duration BASE_DELAY = Duration.ofMillis(500);
  /** Highest backoff ceiling, reached on the fifth retry. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

  private final int maxRetries;
  private final Duration maxRetryAfter;
  private final RandomGenerator random;

  /**
   * @param maxRetries retries after the first attempt
   * @param maxRetryAfter the longest {@code Retry-After} waited out; longer ones end the retries
   * @param random jitter source; null for {@link ThreadLocalRandom}
   */
  public RetryPolicy(int maxRetries, Duration maxRetryAfter, RandomGenerator random) {
    this.maxRetries = maxRetries;
    this.maxRetryAfter = maxRetryAfter;
    this.random = random;
  }

  public int maxRetries() {
    return maxRetries;
  }

  /**
   * @param retry which retry this would be, from 1
   * @param retryAfter what the server asked for, if anything
   * @return the wait before that retry, or empty when it should not happen: retries are used up,
   *     or the server asked for a longer wait than the caller wants to block for (retrying sooner
   *     than asked would only be refused again)
   */
  public Optional<Duration> delayBefore(int retry, Optional<Duration> retryAfter) {
    if (retry > maxRetries) {
      return Optional.empty();
    }
    if (retryAfter.isPresent()) {
      return retryAfter.get().compareTo(maxRetryAfter) > 0 ? Optional.empty() : retryAfter;
    }
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), BASE_DELAY.toMillis() << Math.min(retry - 1, 20));
    RandomGenerator source = random != null ? random : ThreadLocalRandom.current();
    return Optional.of(Duration.ofMillis(source.nextLong(ceiling + 1)));
  }

  /**
   * @param header a {@code Retry-After} value: seconds ({@code 120}) or an HTTP date
   *     ({@code Wed, 21 Oct 2026 07:28:00 GMT})
   * @param now the current time, for dates
   * @return the wait it asks for (zero for a date in the past); empty when absent or unreadable
   */
  public static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        // more digits than a long holds: as good as "forever", which no caller waits out
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
