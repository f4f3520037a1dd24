package dev.inflow.benchmarks.scenario;

import dev.inflow.benchmarks.SampleText;
import dev.inflow.benchmarks.load.OpenLoop;
import dev.inflow.benchmarks.load.Wrk;
import dev.inflow.benchmarks.peer.Waline;
import dev.inflow.benchmarks.report.Measurement;
import dev.inflow.benchmarks.report.SvgChart;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10's peer: Inflow beside the Waline comment server (Node + SQLite) on the same machine,
 * seeded with the same comments (100 on the listed page among 10,000 on 200 others), loaded with
 * the same wrk settings in the same run. List: the 50 newest top-level comments of a page with
 * their replies, as each product's widget asks for them. Create: an anonymous Waline comment
 * (Waline's default) against a signed-in Inflow comment with an Idempotency-Key.
 *
 * <p>Waline answers refusals (a repeated comment, "too fast") with HTTP 200 and an error code, so
 * its create rate is what it stored, counted in its database, not what wrk saw answered. Latency
 * is measured open loop at the same rate for both: a quarter of Waline's list or create
 * throughput, so both run well inside what they sustain.
 */
final class WalineScenario implements Scenario {
  static final String WALINE_LIST = "/api/comment?path=/" + CommentsScenario.HOT + "&page=1&pageSize=50&sortBy=insertedAt_desc";

  @Override
  public String name() {
    return "waline";
  }

  @Override
  public String description() {
    return "issue 10: Inflow vs Waline " + Waline.VERSION + " (Node + SQLite), list and create throughput and p99, same load, same run";
  }

  @Override
  public void run(Bench bench) throws Exception {
    String db = bench.database();
    int users = bench.tokens().users();
    Path home = bench.options().root().resolve("benchmarks/target/waline");
    Waline.install(home, bench::progress);

    bench.progress(String.format("seeding both: %d comments on %s, %,d on %d other pages", CommentsScenario.HOT_COMMENTS,
        CommentsScenario.HOT, CommentsScenario.BACKGROUND_TARGETS * 50, CommentsScenario.BACKGROUND_TARGETS));
    bench.admin("POST", "users?count=" + users);
    bench.admin("POST", "seed?prefix=bench/hot&from=0&targets=1&perTarget=" + CommentsScenario.HOT_COMMENTS + "&users=" + users);
    bench.admin("POST", "seed?prefix=bench/other&from=0&targets=" + CommentsScenario.BACKGROUND_TARGETS + "&perTarget=50&users="
        + users);
    bench.admin("POST", "analyze");
    Path work = bench.options().results().resolve("waline-" + db.toLowerCase());
    Files.createDirectories(work);
    Path seed = seedFile(work.resolve("seed.jsonl"), users);

    try (Waline waline = Waline.start(home, work.resolve("data"), seed, freePort(), work.resolve("waline.log"))) {
      String inflowList = CommentsScenario.LIST;
      Duration warm = bench.options().warmup();
      Duration d = bench.options().measure();
      Duration l = bench.options().latency();
      String baseline = "Waline " + Waline.VERSION;

      bench.progress("warming up both lists, " + warm.toSeconds() + " s each");
      bench.wrk(waline.baseUrl(), "get", WALINE_LIST, 1, false, List.of(), warm);
      bench.wrk("get", inflowList, 1, true, List.of(), warm);
      bench.progress("list throughput (wrk, " + bench.options().connections() + " connections, " + d.toSeconds()
          + " s each): Waline, Inflow, Waline");
      Wrk.Result walineList1 = bench.wrk(waline.baseUrl(), "get", WALINE_LIST, 1, false, List.of(), d);
      Wrk.Result inflowListed = bench.wrk("get", inflowList, 1, true, List.of(), d);
      Wrk.Result walineList2 = bench.wrk(waline.baseUrl(), "get", WALINE_LIST, 1, false, List.of(), d);
      double walineListRate = (walineList1.requestsPerSecond() + walineList2.requestsPerSecond()) / 2;
      bench.progress(String.format("  Waline %.1f and %.1f lists/s, Inflow %.0f", walineList1.requestsPerSecond(),
          walineList2.requestsPerSecond(), inflowListed.requestsPerSecond()));
      double listRatio = inflowListed.requestsPerSecond() / walineListRate;
      bench.report().add(Measurement.of(name(), db, "list 50 comments, Inflow vs Waline, throughput", inflowListed.requestsPerSecond(),
          "req/s", baseline, walineListRate).withGoal("≥ 50 × Waline", listRatio >= 50));

      List<String> inflowBodies = CommentsScenario.createBodies();
      List<String> walineBodies = walineBodies();
      String inflowCreate = "/inflow/api/v1/targets/bench/new{n}/comments";
      bench.progress("warming up both creates, " + warm.toSeconds() + " s each");
      bench.wrk(waline.baseUrl(), "create", "/api/comment", 1, false, walineBodies, warm);
      bench.wrk("create", inflowCreate, CommentsScenario.NEW_TARGETS, true, inflowBodies, warm);
      bench.progress("create throughput (" + d.toSeconds() + " s each): Waline, Inflow, Waline");
      double walineCreate1 = walineCreates(bench, waline, d);
      Wrk.Result inflowCreated = bench.wrk("create", inflowCreate, CommentsScenario.NEW_TARGETS, true, inflowBodies, d);
      double walineCreate2 = walineCreates(bench, waline, d);
      double walineCreateRate = (walineCreate1 + walineCreate2) / 2;
      bench.progress(String.format("  Waline %.1f and %.1f stored comments/s, Inflow %.0f", walineCreate1, walineCreate2,
          inflowCreated.requestsPerSecond()));
      double createRatio = inflowCreated.requestsPerSecond() / walineCreateRate;
      bench.report().add(Measurement.of(name(), db, "create comment, Inflow vs Waline, throughput", inflowCreated.requestsPerSecond(),
          "req/s", baseline, walineCreateRate).withGoal("≥ 50 × Waline", createRatio >= 50));
      bench.report().note(String.format("%s: Waline throughput before/after Inflow's: list %.1f / %.1f req/s, create %.1f / %.1f"
          + " stored comments/s", db, walineList1.requestsPerSecond(), walineList2.requestsPerSecond(), walineCreate1, walineCreate2));

      double listRate = Math.max(2, Math.floor(walineListRate * CommentsScenario.LATENCY_LOAD));
      bench.progress(String.format("list latency (open loop, %d s each) at %.0f req/s: Waline, Inflow", l.toSeconds(), listRate));
      OpenLoop.Result walineListLatency = bench.openLoop(i -> walineGet(waline, WALINE_LIST), listRate, l);
      OpenLoop.Result inflowListLatency = bench.openLoop(i -> bench.get(inflowList, (int) (i % users)), listRate, l);
      bench.report().add(Measurement.of(name(), db, String.format("list 50 comments, p99 at %.0f req/s", listRate),
          inflowListLatency.millis(99), "ms", baseline, walineListLatency.millis(99)));

      double createRate = Math.max(2, Math.floor(walineCreateRate * CommentsScenario.LATENCY_LOAD));
      bench.progress(String.format("create latency (open loop, %d s each) at %.0f req/s: Waline, Inflow", l.toSeconds(), createRate));
      String runId = Long.toString(System.nanoTime(), 36);
      AtomicLong keys = new AtomicLong();
      OpenLoop.Result walineCreateLatency = bench.openLoop(i -> walinePost(waline,
          walineBodies.get((int) (i % walineBodies.size())).replace("{k}", "ol-" + runId + "-" + keys.incrementAndGet())),
          createRate, l);
      OpenLoop.Result inflowCreateLatency = bench.openLoop(i -> bench.createComment("bench/new" + (i % CommentsScenario.NEW_TARGETS),
          inflowBodies.get((int) (i % inflowBodies.size())), (int) ((i * 7) % users), "ol-" + runId + "-" + keys.incrementAndGet()),
          createRate, l);
      bench.report().add(Measurement.of(name(), db, String.format("create comment, p99 at %.0f req/s", createRate),
          inflowCreateLatency.millis(99), "ms", baseline, walineCreateLatency.millis(99)));
      bench.progress(String.format("  p99: list Waline %.1f ms, Inflow %.1f ms; create Waline %.1f ms, Inflow %.1f ms",
          walineListLatency.millis(99), inflowListLatency.millis(99), walineCreateLatency.millis(99), inflowCreateLatency.millis(99)));

      SvgChart chart = bench.report().chart("waline.svg", "Inflow ÷ Waline throughput, same machine, same run",
          SvgChart.titled("Inflow throughput ÷ Waline throughput (goal ≥ 50)", "ratio").goal(50, "goal 50"));
      chart.bar("list 50 comments", db, listRatio);
      chart.bar("create comment", db, createRatio);
    }
  }

  /** @return comments Waline stored per second during a wrk create run of {@code d} */
  private static double walineCreates(Bench bench, Waline waline, Duration d) throws Exception {
    long before = waline.stored("/bench/new");
    Wrk.Result sent = bench.wrk(waline.baseUrl(), "create", "/api/comment", 1, false, walineBodies(), d);
    long stored = waline.stored("/bench/new") - before;
    if (stored < sent.requests() * 0.99) {
      bench.report().note(String.format("%s: Waline stored %d of %d comments wrk sent (it answers refusals with 200)",
          bench.database(), stored, sent.requests()));
    }
    return stored / sent.seconds();
  }

  private static HttpRequest walineGet(Waline waline, String path) {
    return HttpRequest.newBuilder(java.net.URI.create(waline.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private static HttpRequest walinePost(Waline waline, String json) {
    return HttpRequest.newBuilder(java.net.URI.create(waline.baseUrl() + "/api/comment")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** The same texts as Inflow's create bodies, spread over the same 20 new pages; {@code {k}} makes each one unique. */
  private static List<String> walineBodies() {
    List<String> bodies = new ArrayList<>();
    for (int t = 0; t < CommentsScenario.NEW_TARGETS; t++) {
      for (int i = 0; i < SampleText.COMMENTS.size(); i++) {
        bodies.add("{\"comment\":" + Bench.quote(SampleText.COMMENTS.get(i) + " ({k})") + ",\"nick\":" + Bench.quote(SampleText.name(t))
            + ",\"mail\":\"u" + t + "@bench.example\",\"url\":\"/bench/new" + t + "\",\"ua\":\"wrk\"}");
      }
    }
    return bodies;
  }

  /** Writes Waline's seed: the pages and comment texts Inflow's seed has, oldest first. */
  private static Path seedFile(Path file, int users) throws Exception {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    LocalDateTime start = LocalDateTime.now().minusDays(30);
    long n = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      List<String[]> pages = new ArrayList<>();
      pages.add(new String[] {"/" + CommentsScenario.HOT, Integer.toString(CommentsScenario.HOT_COMMENTS)});
      for (int t = 0; t < CommentsScenario.BACKGROUND_TARGETS; t++) {
        pages.add(new String[] {"/bench/other" + t, "50"});
      }
      for (String[] page : pages) {
        for (int i = 0; i < Integer.parseInt(page[1]); i++, n++) {
          int user = (int) (n % users);
          out.write("{\"url\":" + Bench.quote(page[0]) + ",\"nick\":" + Bench.quote(SampleText.name(user)) + ",\"mail\":\"u" + user
              + "@bench.example\",\"comment\":" + Bench.quote(SampleText.COMMENTS.get((int) (n % SampleText.COMMENTS.size())))
              + ",\"insertedAt\":\"" + start.plusSeconds(n * 60).format(time) + "\"}\n");
        }
      }
    }
    return file;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
