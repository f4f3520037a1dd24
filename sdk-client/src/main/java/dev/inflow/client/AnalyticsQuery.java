package dev.inflow.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Which period (and tag) {@link AnalyticsApi} sums up; immutable:
 * {@code AnalyticsQuery.lastThirtyDays().from(LocalDate.of(2026, 11, 1)).to(LocalDate.of(2026, 11, 30)).tag("vpn")}.
 *
 * @param from start: an ISO date (the whole day) or instant; empty for 30 days before {@code to}
 * @param to end: an ISO date (inclusive, the whole day) or instant (exclusive); empty for now
 * @param tag only questions and experts with this tag
 */
public record AnalyticsQuery(Optional<String> from, Optional<String> to, Optional<String> tag) {
  /** @throws NullPointerException when a component is null */
  public AnalyticsQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(tag, "tag");
  }

  /** @return the server's default period: the last 30 days, all tags */
  public static AnalyticsQuery lastThirtyDays() {
    return new AnalyticsQuery(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @return this query starting at the beginning of the day (UTC) */
  public AnalyticsQuery from(LocalDate day) {
    return new AnalyticsQuery(Optional.of(day.toString()), to, tag);
  }

  /** @return this query starting at the instant */
  public AnalyticsQuery from(Instant instant) {
    return new AnalyticsQuery(Optional.of(instant.toString()), to, tag);
  }

  /** @return this query ending with the day (UTC), inclusive */
  public AnalyticsQuery to(LocalDate day) {
    return new AnalyticsQuery(from, Optional.of(day.toString()), tag);
  }

  /** @return this query ending before the instant */
  public AnalyticsQuery to(Instant instant) {
    return new AnalyticsQuery(from, Optional.of(instant.toString()), tag);
  }

  /** @return this query limited to a tag */
  public AnalyticsQuery tag(String tag) {
    return new AnalyticsQuery(from, to, Optional.of(Objects.requireNonNull(tag, "tag")));
  }
}
