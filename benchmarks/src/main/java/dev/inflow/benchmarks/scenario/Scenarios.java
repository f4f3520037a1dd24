package dev.inflow.benchmarks.scenario;

import java.util.List;

/** The scenarios the harness knows, and those planned but not built yet. */
public final class Scenarios {
  private Scenarios() {}

  /** A scenario issue 10 asks for that cannot run yet, with the reason. */
  public record Planned(String name, String why) {}

  /** @return every runnable scenario, in run order */
  public static List<Scenario> all() {
    return List.of(new CommentsScenario(), new LiveScenario(), new ScalingScenario(), new FeedScenario(), new WalineScenario(),
        new SimilarScenario());
  }

  /**
   * @return issue 10's scenarios that need features not on main yet; each becomes a {@link Scenario}
   *     in {@link #all()} once its API exists (none left: the home feed became {@link FeedScenario})
   */
  public static List<Planned> planned() {
    return List.of();
  }
}
