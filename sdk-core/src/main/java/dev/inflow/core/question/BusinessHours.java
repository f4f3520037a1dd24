package dev.inflow.core.question;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Working hours in which escalation deadlines run: a question asked on Friday at 16:00 with a
 * 4-hour deadline is due on Monday at 12:00 with 9:00–17:00, Monday to Friday. Public holidays are
 * not known; hosts that need them keep deadlines in calendar time.
 *
 * @param zone the time zone of the working day
 * @param days working days
 * @param start when the working day starts
 * @param end when it ends (after start)
 */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {
  public BusinessHours {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("business hours need at least one working day");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("business hours end after they start (got " + start + "–" + end + ")");
    }
  }

  /** @return Monday to Friday, from start to end, in the zone */
  public static BusinessHours weekdays(ZoneId zone, LocalTime start, LocalTime end) {
    return new BusinessHours(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end);
  }

  /**
   * @return the instant when {@code amount} of working time has passed after {@code from}; time
   *     outside working hours does not count
   */
  public Instant plus(Instant from, Duration amount) {
    Duration left = amount;
    ZonedDateTime at = from.atZone(zone);
    for (int guard = 0; guard < 20_000; guard++) {
      LocalDate day = at.toLocalDate();
      ZonedDateTime open = day.atTime(start).atZone(zone);
      ZonedDateTime close = day.atTime(end).atZone(zone);
      if (!days.contains(day.getDayOfWeek()) || !at.isBefore(close)) {
        at = day.plusDays(1).atStartOfDay(zone);
        continue;
      }
      if (at.isBefore(open)) {
        at = open;
      }
      Duration today = Duration.between(at, close);
      if (left.compareTo(today) <= 0) {
        return at.plus(left).toInstant();
      }
      left = left.minus(today);
      at = day.plusDays(1).atStartOfDay(zone);
    }
    throw new IllegalStateException("no end of " + amount + " of business time found after " + from);
  }
}
