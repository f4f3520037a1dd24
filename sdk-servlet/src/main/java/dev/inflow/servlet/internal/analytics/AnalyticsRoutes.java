package dev.inflow.servlet.internal.analytics;

import dev.inflow.core.InvalidInputException;
import dev.inflow.core.analytics.Analytics;
import dev.inflow.core.analytics.AnalyticsSummary;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/v1/analytics/summary?from=&to=&tag=} as JSON, or as CSV with
 * {@code Accept: text/csv} or {@code format=csv}. {@code from} and {@code to} are ISO dates (a
 * whole day, {@code to} inclusive) or instants ({@code to} exclusive); the default is the last 30
 * days.
 */
public final class AnalyticsRoutes {
  private final Analytics analytics;
  private final Clock clock;

  private AnalyticsRoutes(Analytics analytics, Clock clock) {
    this.analytics = analytics;
    this.clock = clock;
  }

  public static void register(Router router, Analytics analytics, Clock clock) {
    AnalyticsRoutes r = new AnalyticsRoutes(analytics, clock);
    router.add("GET", "/api/v1/analytics/summary", Access.READ, r::summary);
  }

  private Reply summary(Exchange ex) {
    boolean csv = wantsCsv(ex);
    Instant to = ex.query("to").map(v -> parse("to", v, true)).orElse(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Instant from = ex.query("from").map(v -> parse("from", v, false)).orElse(to.minus(Duration.ofDays(30)));
    AnalyticsSummary summary = analytics.summary(ex.caller(), from, to, ex.query("tag"));
    if (!csv) {
      return Reply.ok(summary);
    }
    String name = "inflow-analytics-" + LocalDate.ofInstant(from, ZoneOffset.UTC) + "-" + LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC)
        + summary.tag().map(t -> "-" + t.replaceAll("[^a-z0-9_-]", "_")).orElse("") + ".csv";
    return Reply.bytes(200, "text/csv; charset=utf-8; header=present", AnalyticsCsv.write(summary).getBytes(StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  }

  private static boolean wantsCsv(Exchange ex) {
    Optional<String> format = ex.query("format").map(f -> f.strip().toLowerCase(Locale.ROOT));
    if (format.isPresent()) {
      return switch (format.get()) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw new InvalidInputException("format", "format is json or csv (got '" + format.get() + "')");
      };
    }
    String accept = ex.header("Accept").orElse("").toLowerCase(Locale.ROOT);
    return accept.contains("text/csv") && !accept.contains("application/json");
  }

  /** @param end whether this is the end of the period: a date then means the end of that day */
  private static Instant parse(String field, String value, boolean end) {
    String v = value.strip();
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, field + " is a date such as 2026-11-01 or an instant such as 2026-11-01T08:00:00Z (got '"
          + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "')");
    }
  }
}
