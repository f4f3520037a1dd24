package dev.inflow.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inflow.benchmarks.Options;
import dev.inflow.benchmarks.load.CpuMeter;
import dev.inflow.benchmarks.load.OpenLoop;
import dev.inflow.benchmarks.load.Tokens;
import dev.inflow.benchmarks.load.Wrk;
import dev.inflow.benchmarks.report.Report;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * What a scenario works with: one running server on one fresh database, the load tools, the token
 * signer and the report. One per scenario and database; used from one thread.
 */
public final class Bench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Options options;
  private final String database;
  private final int port;
  private final Tokens tokens;
  private final Wrk wrk;
  private final HttpClient http;
  private final Report report;
  private final Consumer<String> progress;
  private final Profiler profiler;
  private final CpuMeter cpu;
  private CpuMeter.Usage lastCpu;

  /** Profiles the server process; does nothing unless profiling is on ({@code --profile}). */
  public interface Profiler {
    /** Starts a JFR recording of a phase; closing the result stops it and writes a summary. */
    AutoCloseable start(String phase) throws Exception;

    /**
     * @return live bytes per class after a full GC ({@code jcmd GC.class_histogram}), empty when
     *     profiling is off
     */
    java.util.Map<String, Long> classHistogram() throws Exception;

    /** Saves a text next to the profiles, e.g. a histogram difference. */
    void save(String name, String text) throws Exception;
  }

  public Bench(Options options, String database, int port, Tokens tokens, Wrk wrk, Report report, Consumer<String> progress,
      Profiler profiler, CpuMeter cpu) {
    this.options = options;
    this.database = database;
    this.port = port;
    this.tokens = tokens;
    this.wrk = wrk;
    this.http = OpenLoop.client();
    this.report = report;
    this.progress = progress;
    this.profiler = profiler;
    this.cpu = cpu;
  }

  /**
   * @return the same server, tools and report, with tokens signed for {@code users} users instead
   *     of the harness's default count, for a scenario whose data set has more (or fewer) people
   */
  public Bench signingFor(int users) {
    return new Bench(options, database, port, tokens.withUsers(users), wrk, report, progress, profiler, cpu);
  }

  public Options options() {
    return options;
  }

  /** @return {@code H2} or {@code PostgreSQL}, as shown in the report */
  public String database() {
    return database;
  }

  public Tokens tokens() {
    return tokens;
  }

  public Report report() {
    return report;
  }

  public HttpClient http() {
    return http;
  }

  /** @return {@code http://127.0.0.1:<port>} */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public URI uri(String path) {
    return URI.create(baseUrl() + path);
  }

  /** Prints a progress line. */
  public void progress(String message) {
    progress.accept(message);
  }

  /** @return the profiler of the server process */
  public Profiler profiler() {
    return profiler;
  }

  /** Runs the action while a JFR recording of the server covers it (when profiling is on). */
  public <T> T profiled(String phase, java.util.concurrent.Callable<T> action) throws Exception {
    AutoCloseable recording = profiler.start(database + "-" + phase);
    try {
      return action.call();
    } finally {
      recording.close();
    }
  }

  /**
   * Runs wrk with the harness's connection count.
   *
   * @param path request path; {@code {n}} is replaced by a random number below {@code targets}
   * @param signedIn whether each request carries a random user's bearer token
   */
  public Wrk.Result wrk(String mode, String path, int targets, boolean signedIn, List<String> bodies, Duration duration)
      throws IOException, InterruptedException {
    return wrk(baseUrl(), mode, path, targets, signedIn, bodies, duration);
  }

  /** Runs wrk with the harness's connection count against another server, e.g. a peer, at {@code url}. */
  public Wrk.Result wrk(String url, String mode, String path, int targets, boolean signedIn, List<String> bodies, Duration duration)
      throws IOException, InterruptedException {
    CpuMeter.Snapshot before = cpu.snapshot();
    Wrk.Result result = wrk.run(url, mode, path, targets, signedIn ? Optional.of(tokens) : Optional.empty(), bodies, 1,
        options.connections(), duration);
    lastCpu = cpu.snapshot().since(before);
    drain();
    if (!result.clean()) {
      progress("  warning: " + result.non2xx() + " non-2xx answers and " + result.socketErrors() + " socket errors in "
          + result.requests() + " requests to " + path);
      report.note(database + ": " + result.non2xx() + " non-2xx answers and " + result.socketErrors() + " socket errors in "
          + result.requests() + " requests to `" + path + "`");
    }
    return result;
  }

  /** @return where the CPU went during the last {@link #wrk} or {@link #metered} call */
  public CpuMeter.Usage lastCpu() {
    return lastCpu;
  }

  /** Runs the action and records where the CPU went meanwhile (see {@link #lastCpu}). */
  public <T> T metered(java.util.concurrent.Callable<T> action) throws Exception {
    CpuMeter.Snapshot before = cpu.snapshot();
    T result = action.call();
    lastCpu = cpu.snapshot().since(before);
    return result;
  }

  /**
   * @return e.g. {@code server 0.21 + database 0.35 ms CPU per request (load generator 0.05; others used 0.40 cores)}
   */
  public static String perRequest(CpuMeter.Usage u, double requests) {
    return String.format(java.util.Locale.ROOT, "server %.3f + database %.3f ms CPU per request (load generator %.3f; others used %.2f"
        + " of 2 cores meanwhile)", 1000 * u.server() / requests, 1000 * u.database() / requests, 1000 * u.load() / requests,
        u.other() / u.wall());
  }

  /** Runs the open-loop generator at a fixed rate. */
  public OpenLoop.Result openLoop(LongFunction<HttpRequest> requests, double rate, Duration duration) throws InterruptedException {
    OpenLoop.Result result = OpenLoop.run(http, requests, rate, duration);
    if (result.failed() > result.sent() / 1000) {
      report.note(database + ": " + result.failed() + " of " + result.sent() + " open-loop requests failed");
    }
    return result;
  }

  /**
   * Waits until requests a finished load run left behind are done: health (which takes a pooled
   * database connection) answers within 50 ms again, or a minute has passed.
   */
  public void drain() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      long start = System.nanoTime();
      http.send(get("/inflow/health", -1), HttpResponse.BodyHandlers.discarding());
      if (System.nanoTime() - start < 50_000_000L) {
        return;
      }
      Thread.sleep(200);
    }
  }

  /** @return a GET request, with user {@code user}'s token unless negative */
  public HttpRequest get(String path, int user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (user >= 0) {
      b.header("Authorization", "Bearer " + tokens.forUser(user));
    }
    return b.build();
  }

  /** @return a comment creation by user {@code user} with a fresh Idempotency-Key */
  public HttpRequest createComment(String target, String jsonBody, int user, String idempotencyKey) {
    return HttpRequest.newBuilder(uri("/inflow/api/v1/targets/" + target + "/comments")).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + tokens.forUser(user))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
        .build();
  }

  /**
   * Calls the bench admin of the server process ({@code /bench/admin/<action>}).
   *
   * @throws IllegalStateException when it does not answer 200
   */
  public JsonNode admin(String method, String actionAndQuery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri("/bench/admin/" + actionAndQuery)).timeout(Duration.ofMinutes(30))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // A keep-alive connection the server closed meanwhile; a second attempt opens a new one.
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("bench admin " + actionAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** @return a JSON string literal */
  public static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
