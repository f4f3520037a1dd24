package dev.inflow.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.benchmarks.SampleQuestions;
import dev.inflow.benchmarks.load.CpuMeter;
import dev.inflow.benchmarks.load.OpenLoop;
import dev.inflow.benchmarks.load.Wrk;
import dev.inflow.benchmarks.report.Measurement;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Issue 4's figure: "similar questions while typing" ({@code GET /api/v1/questions/similar?q=})
 * with 100,000 questions in the table, p50 and p99 beside {@code GET /inflow/health} at the same
 * rate, and throughput as a ratio to health. On H2 this is Lucene in the server's heap, on
 * PostgreSQL full-text search under a GIN index.
 *
 * <p>The questions are asked through Inflow's API inside the server process (see the bench
 * admin's {@code questions} action), so the index is the one a real deployment would have. The
 * look-ups rotate over phrasings a colleague would type ({@link SampleQuestions#LOOKUPS}), each
 * sharing words with thousands of questions; wrk's throughput run uses the first of them.
 * Latency is measured open loop at a quarter of the measured throughput, like the comments.
 */
final class SimilarScenario implements Scenario {
  static final int QUESTIONS = 100_000;
  static final int QUICK_QUESTIONS = 2_000;
  static final int BATCH = 5_000;
  static final String HEALTH = "/inflow/health";

  @Override
  public String name() {
    return "similar";
  }

  @Override
  public String description() {
    return "issue 4: similar-question look-up at 100k questions, p99 and throughput against health";
  }

  @Override
  public void run(Bench bench) throws Exception {
    String db = bench.database();
    int questions = bench.options().questions() > 0 ? bench.options().questions() : bench.options().quick() ? QUICK_QUESTIONS : QUESTIONS;
    int users = bench.tokens().users();
    // At most 20 questions per asker, as in the full run (100k by 5,000 users): more per person
    // would hit the per-user write limit (30 a minute) and be refused (a quick run has 500 users).
    int askers = Math.max(users, questions / 20);
    bench.progress(String.format("asking %,d questions by %,d people through the API in the server process (4 threads)", questions, askers));
    bench.admin("POST", "users?count=" + users);
    long asked = 0;
    long failed = 0;
    double seconds = 0;
    // In batches, so that no admin call comes near its time limit and progress shows.
    for (int from = 0; from < questions; from += BATCH) {
      JsonNode seeded = bench.admin("POST", "questions?threads=4&users=" + askers + "&from=" + from + "&count=" + Math.min(BATCH, questions - from));
      asked += seeded.path("asked").asLong();
      failed += seeded.path("failed").asLong();
      seconds += seeded.path("millis").asDouble() / 1000;
      bench.progress(String.format("  %,d asked in %.0f s (%d failed)", asked, seconds, failed));
    }
    if (failed > 0) {
      bench.report().note(db + ": " + failed + " of " + questions + " seeded questions failed");
    }
    bench.report().note(String.format("%s: %,d questions asked through the API in the server in %.0f s", db, asked, seconds));
    bench.admin("POST", "analyze");
    Duration warm = bench.options().warmup();
    Duration d = bench.options().measure();
    Duration l = bench.options().latency();
    String baseline = "GET /inflow/health";
    List<String> paths = SampleQuestions.LOOKUPS.stream()
        .map(q -> "/inflow/api/v1/questions/similar?limit=5&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).toList();

    bench.progress("warming up, " + warm.toSeconds() + " s per endpoint");
    bench.wrk("get", HEALTH, 1, false, List.of(), warm);
    bench.wrk("get", paths.get(0), 1, true, List.of(), warm);
    bench.openLoop(i -> bench.get(paths.get((int) (i % paths.size())), (int) (i % users)), 20, warm);
    bench.progress("throughput (wrk, " + bench.options().connections() + " connections, " + d.toSeconds() + " s each): health, similar, health");
    Wrk.Result health1 = bench.wrk("get", HEALTH, 1, false, List.of(), d);
    Wrk.Result similar = bench.profiled("similar", () -> bench.wrk("get", paths.get(0), 1, true, List.of(), d));
    CpuMeter.Usage similarCpu = bench.lastCpu();
    Wrk.Result health2 = bench.wrk("get", HEALTH, 1, false, List.of(), d);
    double health = (health1.requestsPerSecond() + health2.requestsPerSecond()) / 2;
    bench.progress(String.format("  health %.0f and %.0f req/s, similar %.0f", health1.requestsPerSecond(), health2.requestsPerSecond(),
        similar.requestsPerSecond()));
    bench.report().add(Measurement.of(name(), db, String.format("similar questions at %,d questions, throughput", questions),
        similar.requestsPerSecond(), "req/s", baseline, health));
    bench.report().note(db + ": similar questions: " + Bench.perRequest(similarCpu, similar.requests()));

    double rate = CommentsScenario.latencyRate(similar.requestsPerSecond());
    String at = String.format(" at %.0f req/s", rate);
    bench.progress(String.format("latency (open loop, %d s each): health, similar (%d phrasings) at %.0f req/s", l.toSeconds(),
        paths.size(), rate));
    OpenLoop.Result healthLatency = bench.openLoop(i -> bench.get(HEALTH, -1), rate, l);
    OpenLoop.Result latency = bench.openLoop(i -> bench.get(paths.get((int) (i % paths.size())), (int) (i % users)), rate, l);
    String label = String.format("similar questions at %,d questions, ", questions);
    bench.report().add(Measurement.of(name(), db, label + "p50" + at, latency.millis(50), "ms", baseline, healthLatency.millis(50)));
    bench.report().add(Measurement.of(name(), db, label + "p99" + at, latency.millis(99), "ms", baseline, healthLatency.millis(99)));
    bench.progress(String.format("  p50: health %.2f ms, similar %.2f ms; p99: health %.2f ms, similar %.2f ms", healthLatency.millis(50),
        latency.millis(50), healthLatency.millis(99), latency.millis(99)));
  }
}
