package dev.inflow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiveBackoffTest {

  @Test
  void reconnectWaitsAreFullyJitteredUnderACeilingThatDoublesUpTo30Seconds() {
    for (int failures = 0; failures < 12; failures++) {
      long ceiling = Math.min(30_000, 500L << failures);
      int f = failures;
      LongSummaryStatistics waits = IntStream.range(0, 400).mapToLong(i -> LiveConnection.backoff(f).toMillis()).summaryStatistics();

      assertThat(waits.getMin()).isNotNegative();
      assertThat(waits.getMax()).isLessThanOrEqualTo(ceiling);
      // full jitter: spread over the whole range, not bunched at the ceiling
      assertThat(waits.getMin()).isLessThan(ceiling / 4);
      assertThat(waits.getMax()).isGreaterThan(ceiling * 3 / 4);
    }
    assertThat(LiveConnection.backoff(1_000)).isLessThanOrEqualTo(Duration.ofSeconds(30));
  }
}
