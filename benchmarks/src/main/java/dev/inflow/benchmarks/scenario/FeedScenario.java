package dev.inflow.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.benchmarks.feed.FeedData;
import dev.inflow.benchmarks.load.OpenLoop;
import dev.inflow.benchmarks.load.Wrk;
import dev.inflow.benchmarks.report.Measurement;
import dev.inflow.benchmarks.report.SvgChart;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 10's home feed: {@code GET /inflow/api/v1/feed?limit=20} of a random user as the activity
 * table grows (1k to 1M activities, {@code --scale}), each size beside a primary-key look-up over
 * the same stack, {@code GET /inflow/api/v1/activities/{id}} of a random activity (one row of the
 * same table by primary key, its access check and its target's title), and health. Goal at 1M: feed
 * p99 ≤ 5 × the look-up's p99.
 *
 * <p>The data set is {@link FeedData}, the one {@code benchmarks/feed.sh} measures in-process:
 * 10k users (500 with {@code --quick}) following people, targets and topics, Zipf activities, and
 * home feeds as the mixed fan-out leaves them. The bench admin loads it inside the server with JDBC
 * batches and grows the same set from one size to the next (activities appended, feeds kept
 * consistent), so a million activities take minutes, not hours of API calls. Tokens are signed for
 * every one of its users, so each request reads a random person's feed.
 *
 * <p>At each size: wrk throughput of health, the look-up and the feed; then open-loop latency of
 * the three at one rate, fixed at the first size (a quarter of the feed's throughput there) so the
 * sizes compare, unless the feed can no longer sustain it.
 */
final class FeedScenario implements Scenario {
  static final int USERS = 10_000;
  static final int QUICK_USERS = 500;
  /** Activities per admin call, so that no call nears its time limit and progress shows. */
  static final int CHUNK = 200_000;
  static final String FEED = "/inflow/api/v1/feed?limit=20";
  static final String LOOKUP = "/inflow/api/v1/activities/{m}";
  static final String HEALTH = CommentsScenario.HEALTH;
  static final String BASELINE = "GET /inflow/api/v1/activities/{id}";
  static final double GOAL_RATIO = 5;
  static final int GOAL_SIZE = 1_000_000;

  @Override
  public String name() {
    return "feed";
  }

  @Override
  public String description() {
    return "issue 10: home feed page from 1k to 1M activities, p99 against a primary-key look-up (goal ≤ 5× at 1M)";
  }

  @Override
  public void run(Bench harness) throws Exception {
    String db = harness.database();
    int users = harness.options().quick() ? QUICK_USERS : USERS;
    Bench bench = harness.signingFor(users);
    List<Integer> sizes = bench.options().scale();
    int planned = sizes.stream().mapToInt(Integer::intValue).max().orElse(GOAL_SIZE);
    Duration step = bench.options().measure().dividedBy(2);
    int loaded = 0;
    double rate = 0;
    bench.progress(String.format("home-feed data set: %,d users, activities grown through %s", users, sizes));
    for (int size : sizes) {
      long loadMillis = 0;
      long entries = 0;
      while (loaded < size) {
        int to = Math.min(size, loaded + CHUNK);
        // Home feeds are written once per size, after its last part: each part would otherwise rewrite most of them.
        JsonNode grown = bench.admin("POST", "feed?users=" + users + "&planned=" + planned + "&activities=" + to + "&feeds=" + (to == size));
        loadMillis += grown.path("millis").asLong();
        entries += grown.path("entries").asLong();
        loaded = grown.path("activities").asInt();
        bench.progress(String.format("  loaded %,d activities", loaded));
      }
      int n = loaded;
      String at = String.format(" at %,d activities", n);
      bench.progress(String.format("%,d activities (loading took %.1f s, %,d home-feed entries written); measuring", n,
          loadMillis / 1000.0, entries));
      bench.report().note(String.format("%s: feed data set (%,d users) grown to %,d activities by JDBC batches in the server in %.1f s"
          + " (%,d home-feed entries written)", db, users, n, loadMillis / 1000.0, entries));
      boolean first = rate == 0;
      Duration warm = first ? bench.options().warmup() : bench.options().warmup().dividedBy(2);
      if (first) {
        bench.wrk("get", HEALTH, 1, false, List.of(), warm);
      }
      bench.wrk("get", LOOKUP, n, true, List.of(), warm);
      bench.wrk("get", FEED, 1, true, List.of(), warm);

      Wrk.Result health = bench.wrk("get", HEALTH, 1, false, List.of(), step);
      Wrk.Result lookup = bench.wrk("get", LOOKUP, n, true, List.of(), step);
      Wrk.Result feed = bench.profiled("feed-" + n, () -> bench.wrk("get", FEED, 1, true, List.of(), step));
      String feedCpu = Bench.perRequest(bench.lastCpu(), feed.requests());
      if (first) {
        rate = CommentsScenario.latencyRate(feed.requestsPerSecond());
      }
      double sizeRate = Math.min(rate, CommentsScenario.latencyRate(feed.requestsPerSecond()));
      if (sizeRate < rate) {
        bench.report().note(String.format("%s: at %,d activities the feed sustains only %.0f req/s, so its latency is measured at %.0f"
            + " req/s instead of %.0f", db, n, feed.requestsPerSecond(), sizeRate, rate));
      }
      OpenLoop.Result healthLatency = bench.openLoop(i -> bench.get(HEALTH, -1), sizeRate, step);
      OpenLoop.Result lookupLatency = bench.openLoop(
          i -> bench.get("/inflow/api/v1/activities/" + (1 + ThreadLocalRandom.current().nextInt(n)), (int) (i % users)), sizeRate, step);
      OpenLoop.Result feedLatency = bench.openLoop(i -> bench.get(FEED, ThreadLocalRandom.current().nextInt(users)), sizeRate, step);
      bench.drain();

      bench.report().add(Measurement.of(name(), db, "home feed page of a random user, throughput" + at, feed.requestsPerSecond(), "req/s",
          BASELINE, lookup.requestsPerSecond()));
      bench.report().add(Measurement.of(name(), db, "activity by primary key, throughput" + at, lookup.requestsPerSecond(), "req/s",
          "GET /inflow/health", health.requestsPerSecond()));
      String rateLabel = String.format(" at %.0f req/s", sizeRate);
      bench.report().add(Measurement.of(name(), db, "home feed page of a random user, p50" + rateLabel + at, feedLatency.millis(50), "ms",
          BASELINE, lookupLatency.millis(50)));
      Measurement p99 = Measurement.of(name(), db, "home feed page of a random user, p99" + rateLabel + at, feedLatency.millis(99), "ms",
          BASELINE, lookupLatency.millis(99));
      bench.report().add(n >= GOAL_SIZE ? p99.withGoal("feed p99 ≤ 5 × primary-key look-up at 1M activities", p99.ratio() <= GOAL_RATIO)
          : p99);
      bench.report().note(db + ": home feed" + at + ": " + feedCpu);
      bench.progress(String.format("  throughput: health %.0f, look-up %.0f, feed %.0f req/s; at %.0f req/s p50/p99: health %.2f/%.2f,"
          + " look-up %.2f/%.2f, feed %.2f/%.2f ms (p99 ratio %.1f)", health.requestsPerSecond(), lookup.requestsPerSecond(),
          feed.requestsPerSecond(), sizeRate, healthLatency.millis(50), healthLatency.millis(99), lookupLatency.millis(50),
          lookupLatency.millis(99), feedLatency.millis(50), feedLatency.millis(99), p99.ratio()));

      SvgChart latency = bench.report().chart("feed-latency.svg", "Feed latency as the activity table grows",
          SvgChart.titled("Home feed page (20) of a random user: latency, open loop, ms (log scale)", "ms").logY()
              .logX("activities in the table (log scale)"));
      latency.point(db + " feed p50", n, feedLatency.millis(50));
      latency.point(db + " feed p99", n, feedLatency.millis(99));
      latency.point(db + " look-up p99", n, lookupLatency.millis(99));
      if (feed.requestsPerSecond() < 10) {
        bench.report().note(String.format("%s: the feed stopped at %,d activities: it managed %.1f req/s there, so larger tables would"
            + " take the run past its time budget", db, n, feed.requestsPerSecond()));
        bench.progress("  feed below 10 req/s: skipping larger sizes on " + db);
        break;
      }
    }
  }
}
