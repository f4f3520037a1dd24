package dev.inflow.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.benchmarks.load.OpenLoop;
import dev.inflow.benchmarks.load.Wrk;
import dev.inflow.benchmarks.report.Measurement;
import dev.inflow.benchmarks.report.SvgChart;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How listing grows with the table: {@code inflow_comment} is filled to each size in turn (1k to
 * 1M rows, 50 top-level comments per target, statistics refreshed as autovacuum would), and at
 * each size the list of a <em>random</em> target is measured (wrk throughput, then open-loop
 * latency at a rate fixed at the first size), beside health at the same size.
 */
final class ScalingScenario implements Scenario {
  static final int PER_TARGET = 50;
  static final String PATH = "/inflow/api/v1/targets/bench/s{n}/comments?limit=50";

  @Override
  public String name() {
    return "scaling";
  }

  @Override
  public String description() {
    return "issue 10: list latency and throughput from 1k to 1M comments in the table";
  }

  @Override
  public void run(Bench bench) throws Exception {
    String db = bench.database();
    int users = bench.tokens().users();
    bench.admin("POST", "users?count=" + users);
    int targets = 0;
    double rate = 0;
    Duration step = bench.options().measure().dividedBy(2);
    for (int size : bench.options().scale()) {
      int wanted = Math.max(1, size / PER_TARGET);
      long seedMillis = 0;
      while (targets < wanted) {
        int chunk = Math.min(wanted - targets, 200_000 / PER_TARGET);
        JsonNode seeded = bench.admin("POST", "seed?prefix=bench/s&from=" + targets + "&targets=" + chunk + "&perTarget=" + PER_TARGET
            + "&users=" + users);
        seedMillis += seeded.path("millis").asLong();
        targets += chunk;
        bench.progress(String.format("  seeded %,d rows", (long) targets * PER_TARGET));
      }
      bench.admin("POST", "analyze");
      long rows = (long) targets * PER_TARGET;
      bench.progress(String.format("%,d comments in %,d targets (seeding took %.1f s); measuring", rows, targets, seedMillis / 1000.0));
      int n = targets;
      // The first size also warms the freshly started server's JIT; later sizes only the new rows.
      boolean first = rate == 0;
      if (first) {
        bench.wrk("get", CommentsScenario.HEALTH, 1, false, List.of(), bench.options().warmup());
      }
      bench.wrk("get", PATH, n, true, List.of(), first ? bench.options().warmup() : bench.options().warmup().dividedBy(2));
      Wrk.Result health = bench.wrk("get", CommentsScenario.HEALTH, 1, false, List.of(), step);
      Wrk.Result listed = bench.wrk("get", PATH, n, true, List.of(), step);
      if (rate == 0) {
        rate = CommentsScenario.latencyRate(listed.requestsPerSecond());
      }
      // The rate stays fixed across sizes so the latencies compare, unless the list can no longer sustain it.
      double sizeRate = Math.min(rate, CommentsScenario.latencyRate(listed.requestsPerSecond()));
      if (sizeRate < rate) {
        bench.report().note(String.format("%s: at %,d rows the list sustains only %.0f req/s, so its latency is measured at %.0f req/s"
            + " instead of %.0f", db, rows, listed.requestsPerSecond(), sizeRate, rate));
      }
      OpenLoop.Result healthLatency = bench.openLoop(i -> bench.get(CommentsScenario.HEALTH, -1), sizeRate, step);
      OpenLoop.Result listLatency = bench.openLoop(i -> bench.get(path(ThreadLocalRandom.current().nextInt(n)), (int) (i % users)),
          sizeRate, step);
      bench.drain();
      String at = String.format(" at %,d rows", rows);
      bench.report().add(Measurement.of(name(), db, "list a random target, throughput" + at, listed.requestsPerSecond(), "req/s",
          "GET /inflow/health", health.requestsPerSecond()));
      bench.report().add(Measurement.of(name(), db, String.format("list a random target, p50 at %.0f req/s%s", sizeRate, at),
          listLatency.millis(50), "ms", "GET /inflow/health", healthLatency.millis(50)));
      bench.report().add(Measurement.of(name(), db, String.format("list a random target, p99 at %.0f req/s%s", sizeRate, at),
          listLatency.millis(99), "ms", "GET /inflow/health", healthLatency.millis(99)));
      bench.progress(String.format("  list %.0f req/s (health %.0f); p50 %.2f ms, p99 %.2f ms (health p99 %.2f ms)",
          listed.requestsPerSecond(), health.requestsPerSecond(), listLatency.millis(50), listLatency.millis(99), healthLatency.millis(99)));

      SvgChart latency = bench.report().chart("scaling-latency.svg", "List latency as the comment table grows",
          SvgChart.titled("List 50 comments of a random target: latency, open loop, ms (log scale)", "ms").logY()
              .logX("comments in the table (log scale)"));
      latency.point(db + " list p50", rows, listLatency.millis(50));
      latency.point(db + " list p99", rows, listLatency.millis(99));
      latency.point(db + " health p99", rows, healthLatency.millis(99));
      SvgChart throughput = bench.report().chart("scaling-throughput.svg", "List throughput as the comment table grows",
          SvgChart.titled("List 50 comments of a random target: throughput ÷ health", "ratio").logX("comments in the table (log scale)"));
      throughput.point(db, rows, listed.requestsPerSecond() / health.requestsPerSecond());
      if (listed.requestsPerSecond() < 10) {
        bench.report().note(String.format("%s: scaling stopped at %,d rows: the list managed %.1f req/s there, so larger tables would"
            + " take the run past its time budget", db, rows, listed.requestsPerSecond()));
        bench.progress("  list below 10 req/s: skipping larger sizes on " + db);
        break;
      }
    }
  }

  private static String path(int target) {
    return PATH.replace("{n}", Integer.toString(target));
  }
}
