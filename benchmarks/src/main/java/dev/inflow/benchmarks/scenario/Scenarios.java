package dev.inflow.benchmarks.scenario;

import java.util.List;

/** The scenarios the harness knows, and those planned but not built yet. */
public final class Scenarios {
  private Scenarios() {}

  /** A scenario issue 10 asks for that cannot run yet, with the reason. */
  public record Planned(String name, String why) {}

  /** @return every runnable scenario, in run order */
  public static List<Scenario> all() {
    return List.of(new CommentsScenario(), new LiveScenario(), new ScalingScenario(), new WalineScenario(), new SimilarScenario());
  }

  /**
   * @return issue 10's scenarios that need features not on main yet; each becomes a {@link Scenario}
   *     in {@link #all()} once its API exists
   */
  public static List<Planned> planned() {
    return List.of(
        new Planned("Home feed page at 1M activities (`GET /api/v1/feed`, p99 ratio to a primary-key look-up; goal ≤ 5×)",
            "measured in-process through the core API by benchmarks/feed.sh (FeedBenchmark), with the posting rate of a"
                + " 5k-follower author; not yet over HTTP in this harness"),
        new Planned("Feed latency from 1k to 1M activities (scaling chart)", "feeds are not on main yet"));
  }
}
