package dev.inflow.benchmarks.report;

import java.util.Optional;

/**
 * One figure of a run beside the baseline it is judged against, both measured on the same server
 * in the same run.
 *
 * @param scenario e.g. {@code comments}
 * @param database {@code H2} or {@code PostgreSQL}
 * @param figure what was measured, e.g. {@code list 50 comments, requests/s}
 * @param value Inflow's figure
 * @param unit of value and baseline, e.g. {@code req/s}, {@code ms}, {@code KiB}
 * @param baseline what the figure is compared with, e.g. {@code GET /inflow/health}
 * @param baselineValue the baseline's figure; 0 when there is none
 * @param goal the goal in words, empty when the figure has none
 * @param met whether the goal was met, empty when there is no goal
 */
public record Measurement(String scenario, String database, String figure, double value, String unit, String baseline,
    double baselineValue, String goal, Optional<Boolean> met) {

  /** @return value ÷ baseline, or NaN without a baseline */
  public double ratio() {
    return baselineValue > 0 ? value / baselineValue : Double.NaN;
  }

  /** A figure with a baseline and no goal of its own. */
  public static Measurement of(String scenario, String database, String figure, double value, String unit, String baseline,
      double baselineValue) {
    return new Measurement(scenario, database, figure, value, unit, baseline, baselineValue, "", Optional.empty());
  }

  /** @return this figure judged against a goal */
  public Measurement withGoal(String goal, boolean met) {
    return new Measurement(scenario, database, figure, value, unit, baseline, baselineValue, goal, Optional.of(met));
  }
}
