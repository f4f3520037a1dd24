package dev.inflow.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.benchmarks.SampleText;
import dev.inflow.benchmarks.live.LiveFleet;
import dev.inflow.benchmarks.report.Measurement;
import dev.inflow.benchmarks.report.SvgChart;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Issue 6's figures, each beside a bare Jakarta WebSocket endpoint in the same server process:
 *
 * <ul>
 *   <li>memory per idle subscribed connection: the server's heap after full GCs with N connections
 *       minus the heap with none, divided by N;
 *   <li>post → delivered latency to N subscribers of one target, at a tenth, three tenths and all
 *       of N: comments are posted through the API on an open-loop schedule (one per interval), and
 *       every subscriber's arrival time is measured from the post's due time. The bare baseline
 *       broadcasts the very frame Inflow sent, through {@code POST /bare/broadcast}, on the same
 *       schedule, to as many bare connections.
 * </ul>
 */
final class LiveScenario implements Scenario {
  static final String TARGET = "bench/live";
  private static final int WARMUP_POSTS = 3;

  /** Latency percentiles at one subscriber count. */
  private record Step(int subscribers, Histogram latencyMicros, long missing, Histogram postMicros, double serverMicrosPerFrame,
      double clientMicrosPerFrame) {
    double millis(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  @Override
  public String name() {
    return "live";
  }

  @Override
  public String description() {
    return "issue 6: memory per idle WebSocket and post → delivered latency at N subscribers, against a bare WebSocket broadcast";
  }

  @Override
  public void run(Bench bench) throws Exception {
    String db = bench.database();
    int n = bench.options().liveConnections();
    int users = bench.tokens().users();
    List<Integer> counts = List.of(Math.max(1, n / 10), Math.max(1, n * 3 / 10), n);
    bench.admin("POST", "users?count=" + users);
    touchUsers(bench, users);
    JsonNode empty = bench.admin("GET", "memory");
    Map<String, Long> emptyClasses = bench.profiler().classHistogram();
    String wsBase = bench.baseUrl().replaceFirst("^http", "ws");
    AtomicInteger marker = new AtomicInteger();

    Map<Integer, Step> inflowSteps = new LinkedHashMap<>();
    JsonNode withInflow = null;
    String sample = null;
    int opened = 0;
    try (LiveFleet inflow = new LiveFleet()) {
      for (int count : counts) {
        bench.progress("opening live connections up to " + count + ", each subscribed to target:" + TARGET);
        opened = inflow.open(URI.create(wsBase + "/inflow/live"), count - opened,
            i -> Map.of("Authorization", "Bearer " + bench.tokens().forUser(i)),
            "{\"type\":\"subscribe\",\"topics\":[\"target:" + TARGET + "\"]}", Duration.ofMinutes(3),
            done -> bench.progress("  " + done + " more handshakes started"));
        if (opened < count) {
          bench.report().note(String.format("%s: only %d of %d live connections subscribed (%d handshakes failed)", db, opened, count,
              inflow.failedHandshakes()));
        }
        if (count == n) {
          withInflow = bench.admin("GET", "memory");
          bench.profiler().save(db + "-live-memory.txt", perConnection(emptyClasses, bench.profiler().classHistogram(), opened));
          bench.progress(String.format("  %d subscribed; heap after GC %s with none → %s", opened, mib(empty.path("heapUsed").asLong()),
              mib(withInflow.path("heapUsed").asLong())));
        }
        bench.progress(String.format("posting %d comments, one every %d ms, to %d subscribers", bench.options().livePosts(),
            bench.options().liveInterval().toMillis(), opened));
        int subscribers = opened;
        java.util.concurrent.Callable<Step> fanOut = () -> broadcast(bench, inflow, subscribers, marker, i -> bench.createComment(TARGET,
            "{\"body\":" + Bench.quote(text(i)) + "}", i % users, "live-" + System.nanoTime() + "-" + i));
        inflowSteps.put(count, count == n ? bench.profiled("live-fanout", fanOut) : fanOut.call());
        sample = inflow.sampleFrame();
        progressStep(bench, "Inflow", inflowSteps.get(count));
      }
    }
    Thread.sleep(2_000);
    JsonNode afterClose = bench.admin("GET", "memory");

    Map<Integer, Step> bareSteps = new LinkedHashMap<>();
    JsonNode withBare = null;
    int bareOpened = 0;
    String frame = sample;
    try (LiveFleet bare = new LiveFleet()) {
      for (int count : counts) {
        bench.progress("opening bare WebSocket connections up to " + count);
        bareOpened = bare.open(URI.create(wsBase + "/bare/live"), count - bareOpened, i -> Map.of(), "{\"type\":\"subscribe\"}",
            Duration.ofMinutes(3), done -> bench.progress("  " + done + " more handshakes started"));
        if (count == n) {
          withBare = bench.admin("GET", "memory");
        }
        bench.progress("broadcasting the same frame " + bench.options().livePosts() + " times to " + bareOpened + " bare connections");
        bareSteps.put(count, broadcast(bench, bare, bareOpened, marker, i -> HttpRequest.newBuilder(bench.uri("/bare/broadcast"))
            .POST(HttpRequest.BodyPublishers.ofString(frame.replaceAll(LiveFleet.MARKER + "\\d+", LiveFleet.MARKER + i))).build()));
        progressStep(bench, "bare", bareSteps.get(count));
      }
    }

    double inflowKib = perConnectionKib(empty, withInflow, "heapUsed", opened);
    double bareKib = perConnectionKib(afterClose, withBare, "heapUsed", bareOpened);
    String at = " at " + opened + " connections";
    bench.report().add(Measurement.of(name(), db, "heap per idle subscribed connection" + at, inflowKib, "KiB",
        "bare WebSocket connection", bareKib).withGoal("≤ 20 KiB", inflowKib <= 20));
    bench.report().note(String.format("%s: heap after GC with no connections %s, with %d Inflow connections %s, after closing them %s,"
        + " with %d bare connections %s; RSS %s / %s / %s / %s; direct buffers %s / %s / %s / %s; server threads %d / %d / %d", db,
        mib(empty.path("heapUsed").asLong()), opened, mib(withInflow.path("heapUsed").asLong()), mib(afterClose.path("heapUsed").asLong()),
        bareOpened, mib(withBare.path("heapUsed").asLong()), mib(empty.path("rss").asLong()), mib(withInflow.path("rss").asLong()),
        mib(afterClose.path("rss").asLong()), mib(withBare.path("rss").asLong()), mib(empty.path("directUsed").asLong()),
        mib(withInflow.path("directUsed").asLong()), mib(afterClose.path("directUsed").asLong()), mib(withBare.path("directUsed").asLong()),
        empty.path("threads").asInt(), withInflow.path("threads").asInt(), withBare.path("threads").asInt()));

    SvgChart latency = bench.report().chart("live-latency.svg", "Post → delivered latency by number of subscribers, Inflow vs a bare broadcast",
        SvgChart.titled("Post → delivered latency to every subscriber, ms (log scale)", "ms").logX("subscribers of one target (log scale)").logY()
            .goal(50, "goal p99 50 ms"));
    for (int count : counts) {
      Step inflow = inflowSteps.get(count);
      Step bare = bareSteps.get(count);
      String subscribers = " to " + inflow.subscribers() + " subscribers";
      bench.report().add(Measurement.of(name(), db, "post → delivered p50" + subscribers, inflow.millis(50), "ms", "bare broadcast",
          bare.millis(50)));
      Measurement p99 = Measurement.of(name(), db, "post → delivered p99" + subscribers, inflow.millis(99), "ms", "bare broadcast",
          bare.millis(99));
      bench.report().add(count == n ? p99.withGoal("p99 ≤ 50 ms", inflow.millis(99) <= 50) : p99);
      if (inflow.missing() > 0 || bare.missing() > 0) {
        bench.report().note(String.format("%s: at %d subscribers, deliveries missing after the wait: Inflow %d, bare %d (of %d each)", db,
            count, inflow.missing(), bare.missing(), (long) inflow.subscribers() * bench.options().livePosts()));
      }
      bench.report().note(String.format("%s: at %d subscribers the post request itself took p50 %.1f ms (Inflow: create the comment;"
          + " bare: hand the frame to every session)", db, count, inflow.postMicros().getValueAtPercentile(50) / 1000.0)
          + String.format(" vs %.1f ms", bare.postMicros().getValueAtPercentile(50) / 1000.0));
      if (count == n) {
        bench.report().add(Measurement.of(name(), db, "server CPU per delivered frame" + subscribers, inflow.serverMicrosPerFrame(), "µs",
            "bare broadcast", bare.serverMicrosPerFrame()));
        bench.report().note(String.format("%s: at %d subscribers the load generator spent %.1f µs of CPU per frame received"
            + " (Inflow run) and %.1f µs (bare run): the receiving side shares the two cores with the server", db, count,
            inflow.clientMicrosPerFrame(), bare.clientMicrosPerFrame()));
      }
      latency.point(db + " Inflow p99", inflow.subscribers(), inflow.millis(99));
      latency.point(db + " bare p99", bare.subscribers(), bare.millis(99));
      latency.point(db + " Inflow p50", inflow.subscribers(), inflow.millis(50));
    }
    SvgChart memory = bench.report().chart("live-memory.svg", "Heap per idle subscribed connection, Inflow vs a bare WebSocket",
        SvgChart.titled("Heap per idle connection at " + opened + " connections, KiB", "KiB").goal(20, "goal 20 KiB"));
    memory.bar(db, "Inflow", inflowKib);
    memory.bar(db, "bare WebSocket", bareKib);
    bench.progress(String.format("  heap per connection: Inflow %.1f KiB, bare %.1f KiB", inflowKib, bareKib));
  }

  /**
   * Sends warm-up then measured broadcasts on an open-loop schedule and waits for them to arrive.
   *
   * @param marker the next free broadcast number, shared by every call so numbers never repeat
   */
  private static Step broadcast(Bench bench, LiveFleet fleet, int subscribers, AtomicInteger marker, IntFunction<HttpRequest> send)
      throws Exception {
    long deliveredBefore = fleet.delivered();
    Step step = bench.metered(() -> deliver(bench, fleet, subscribers, marker, send));
    double frames = Math.max(1, fleet.delivered() - deliveredBefore);
    return new Step(step.subscribers(), step.latencyMicros(), step.missing(), step.postMicros(),
        1e6 * bench.lastCpu().server() / frames, 1e6 * bench.lastCpu().load() / frames);
  }

  private static Step deliver(Bench bench, LiveFleet fleet, int subscribers, AtomicInteger marker, IntFunction<HttpRequest> send)
      throws InterruptedException {
    int posts = bench.options().livePosts();
    long interval = bench.options().liveInterval().toNanos();
    int first = marker.getAndAdd(WARMUP_POSTS + posts);
    fleet.record(first + WARMUP_POSTS, first + WARMUP_POSTS + posts);
    List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
    Histogram postMicros = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    long start = System.nanoTime() + 200_000_000L;
    for (int k = 0; k < WARMUP_POSTS + posts; k++) {
      int i = first + k;
      long due = start + k * interval;
      fleet.due(i, due);
      HttpRequest request = send.apply(i);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      boolean measured = k >= WARMUP_POSTS;
      // One retry when the connection broke before an answer: Inflow's posts carry an Idempotency-Key.
      sent.add(bench.http().sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .exceptionallyCompose(e -> bench.http().sendAsync(request, HttpResponse.BodyHandlers.discarding())).whenComplete((r, e) -> {
        if (measured) {
          postMicros.recordValue(Math.min((System.nanoTime() - due) / 1000, postMicros.getHighestTrackableValue()));
        }
      }));
    }
    for (CompletableFuture<HttpResponse<Void>> s : sent) {
      int status = s.join().statusCode();
      if (status / 100 != 2) {
        throw new IllegalStateException("a broadcast was answered " + status);
      }
    }
    long expected = (long) subscribers * posts;
    long got = fleet.awaitRecorded(expected, Duration.ofSeconds(30));
    return new Step(subscribers, fleet.latencyMicros().copy(), expected - got, postMicros, 0, 0);
  }

  private static void progressStep(Bench bench, String what, Step step) {
    bench.progress(String.format("  %s to %d subscribers: p50 %.1f ms, p99 %.1f ms, max %.1f ms (the post request itself: p50 %.1f ms);"
        + " server CPU %.1f µs per frame%s", what, step.subscribers(), step.millis(50), step.millis(99),
        step.latencyMicros().getMaxValue() / 1000.0, step.postMicros().getValueAtPercentile(50) / 1000.0, step.serverMicrosPerFrame(),
        step.missing() > 0 ? ", " + step.missing() + " deliveries missing" : ""));
  }

  /** Signs in every bench user once, so that the caches this fills are in the baseline heap, not in the per-connection figure. */
  private static void touchUsers(Bench bench, int users) throws InterruptedException {
    Semaphore inFlight = new Semaphore(32);
    for (int i = 0; i < users; i++) {
      inFlight.acquire();
      bench.http().sendAsync(bench.get("/inflow/api/v1/me", i), HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> inFlight.release());
    }
    if (!inFlight.tryAcquire(32, 30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("signing in the bench users did not finish");
    }
    inFlight.release(32);
  }

  /** @return the classes whose live bytes grew most, per connection, largest first */
  private static String perConnection(Map<String, Long> before, Map<String, Long> after, int connections) {
    StringBuilder out = new StringBuilder("Live heap added per connection, by class (jcmd GC.class_histogram, " + connections
        + " connections minus none)\n");
    long total = after.values().stream().mapToLong(Long::longValue).sum() - before.values().stream().mapToLong(Long::longValue).sum();
    out.append(String.format("  total %.0f bytes per connection%n", (double) total / connections));
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
        .forEach(e -> out.append(String.format("  %8.0f  %s%n", (double) e.getValue() / connections, e.getKey())));
    out.append("Of which Inflow's own objects and the per-connection ping timer:\n");
    after.entrySet().stream()
        .filter(e -> e.getKey().startsWith("dev.inflow.") || e.getKey().contains("ScheduledFutureTask"))
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.append(String.format("  %8.0f  %s%n", (double) e.getValue() / connections, e.getKey())));
    return out.toString();
  }

  private static String text(int i) {
    return "Fan-out check " + LiveFleet.MARKER + i + ": " + SampleText.COMMENTS.get(i % SampleText.COMMENTS.size());
  }

  private static double perConnectionKib(JsonNode before, JsonNode after, String field, int connections) {
    return connections == 0 ? 0 : (after.path(field).asLong() - before.path(field).asLong()) / 1024.0 / connections;
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
  }
}
