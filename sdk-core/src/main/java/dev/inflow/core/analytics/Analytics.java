package dev.inflow.core.analytics;

import dev.inflow.core.Caller;
import java.time.Instant;
import java.util.Optional;

/**
 * Figures for L&D teams and moderators: answer rate, time to first answer, accepted rate,
 * unanswered questions, top experts per tag, comments and active people per target. Only
 * moderators and administrators may read them ({@link dev.inflow.core.AccessDeniedException}
 * otherwise).
 *
 * <p>Thread-safe.
 */
public interface Analytics {
  /** The longest period one summary covers. */
  int MAX_DAYS = 366;

  /**
   * @param from start (inclusive)
   * @param to end (exclusive), after {@code from} and at most {@value #MAX_DAYS} days later
   * @param tag limit question figures and experts to one tag
   * @throws dev.inflow.core.InvalidInputException naming {@code from}, {@code to} or {@code tag}
   */
  AnalyticsSummary summary(Caller caller, Instant from, Instant to, Optional<String> tag);
}
