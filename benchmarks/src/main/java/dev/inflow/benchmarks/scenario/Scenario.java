package dev.inflow.benchmarks.scenario;

/**
 * One benchmark scenario. The harness starts a fresh server on a fresh database for each scenario
 * and database, hands it a {@link Bench}, and stops the server afterwards; the scenario seeds what
 * it needs, warms up, measures, and adds its figures to the report, each beside a baseline it
 * measured in the same run on the same server.
 *
 * <p>Later scenarios (similar-question look-up, home feed, the Waline peer) implement this too
 * and are added to {@link Scenarios#all()}.
 */
public interface Scenario {
  /** @return the name used by {@code --scenarios} and in the report, e.g. {@code comments} */
  String name();

  /** @return what it measures, one line, with the issue it answers */
  String description();

  /** Seeds, warms up, measures and reports. */
  void run(Bench bench) throws Exception;
}
