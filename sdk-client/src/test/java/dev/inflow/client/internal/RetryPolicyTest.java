package dev.inflow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void backoffIsFullJitterUnderACeilingThatDoublesUpToEightSeconds() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(30), new Random(7));
    long[] ceilings = {500, 1000, 2000, 4000, 8000, 8000, 8000};
    for (int retry = 1; retry <= ceilings.length; retry++) {
      Duration ceiling = Duration.ofMillis(ceilings[retry - 1]);
      for (int sample = 0; sample < 200; sample++) {
        assertThat(policy.delayBefore(retry, Optional.empty())).get().satisfies(d -> assertThat(d).isBetween(Duration.ZERO, ceiling));
      }
    }
    assertThat(new RetryPolicy(10, Duration.ofSeconds(30), largest()).delayBefore(1, Optional.empty())).contains(Duration.ofMillis(500));
    assertThat(new RetryPolicy(10, Duration.ofSeconds(30), largest()).delayBefore(3, Optional.empty())).contains(Duration.ofMillis(2000));
    assertThat(new RetryPolicy(10, Duration.ofSeconds(30), largest()).delayBefore(9, Optional.empty())).contains(Duration.ofMillis(8000));
    assertThat(new RetryPolicy(10, Duration.ofSeconds(30), smallest()).delayBefore(4, Optional.empty())).contains(Duration.ZERO);
  }

  @Test
  void jitterSpreadsWaitsOverTheWholeRange() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(30), new Random(11));
    long below = 0;
    for (int sample = 0; sample < 1000; sample++) {
      if (policy.delayBefore(4, Optional.empty()).orElseThrow().toMillis() < 2000) {
        below++;
      }
    }
    // Half the range of [0, 4000] lies below 2000; "equal jitter" or plain doubling would give none.
    assertThat(below).isBetween(400L, 600L);
  }

  @Test
  void retryAfterIsWaitedOutExactlyUpToTheCapAndBeyondItRetriesStop() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(30), new Random(1));
    assertThat(policy.delayBefore(1, Optional.of(Duration.ofSeconds(7)))).contains(Duration.ofSeconds(7));
    assertThat(policy.delayBefore(2, Optional.of(Duration.ofSeconds(30)))).contains(Duration.ofSeconds(30));
    assertThat(policy.delayBefore(1, Optional.of(Duration.ofSeconds(31)))).isEmpty();
  }

  @Test
  void noRetryPastTheMaximum() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofSeconds(30), new Random(1));
    assertThat(policy.delayBefore(2, Optional.empty())).isPresent();
    assertThat(policy.delayBefore(3, Optional.empty())).isEmpty();
    assertThat(new RetryPolicy(0, Duration.ofSeconds(30), null).delayBefore(1, Optional.of(Duration.ZERO))).isEmpty();
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(RetryPolicy.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("Mon, 23 Nov 2026 10:00:45 GMT", NOW)).contains(Duration.ofSeconds(45));
    assertThat(RetryPolicy.parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", NOW)).get().satisfies(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
    assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEmpty();
  }

  private static RandomGenerator largest() {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("only bounded values are asked for");
      }

      @Override
      public long nextLong(long bound) {
        return bound - 1;
      }
    };
  }

  private static RandomGenerator smallest() {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("only bounded values are asked for");
      }

      @Override
      public long nextLong(long bound) {
        return 0;
      }
    };
  }
}
