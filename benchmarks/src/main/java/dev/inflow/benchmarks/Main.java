package dev.inflow.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.benchmarks.load.CpuMeter;
import dev.inflow.benchmarks.load.Tokens;
import dev.inflow.benchmarks.load.Wrk;
import dev.inflow.benchmarks.report.Report;
import dev.inflow.benchmarks.scenario.Bench;
import dev.inflow.benchmarks.scenario.Scenario;
import dev.inflow.benchmarks.scenario.Scenarios;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the benchmarks: for each database (H2 in file mode, then a private PostgreSQL with fsync
 * on) and each scenario, a fresh server on a fresh database, then the scenario; at the end the
 * report goes into {@code docs/benchmarks.md}. Started by {@code benchmarks/run.sh}.
 */
public final class Main {
  private static final System.Logger LOG = System.getLogger(Main.class.getName());
  private static final long STARTED = System.nanoTime();

  private Main() {}

  public static void main(String[] args) throws Exception {
    // The JDK HTTP client must drop idle keep-alive connections before Jetty does (30 s): otherwise
    // a POST can go out on a socket the server just closed and fail with "received no bytes".
    System.setProperty("jdk.httpclient.keepalive.timeout", "15");
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("benchmarks: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(options) ? 0 : 1);
  }

  private static boolean run(Options options) throws Exception {
    Consumer<String> progress = Main::progress;
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Path results = options.results().resolve(stamp);
    Report report = new Report();
    report.machine("Date", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    report.machine("Commit", Machine.command("git", "-C", options.root().toString(), "rev-parse", "--short", "HEAD")
        + (Machine.command("git", "-C", options.root().toString(), "status", "--porcelain").isEmpty() ? "" : " (with local changes)"));
    report.machine("CPU", Machine.cpu() + ", shared with other work on this machine");
    report.machine("Memory", Machine.memory());
    report.machine("JDK", Machine.jdk());
    report.machine("OS", Machine.os());
    report.machine("Load generator", "wrk " + Machine.command("wrk", "--version").replaceAll("^wrk\\s*", "").split(" \\[")[0]
        + " (1 thread, " + options.connections() + " connections) and the JDK HTTP client for open-loop latency, on the same machine");
    String loadBefore = Machine.load();
    progress("benchmarks " + (options.quick() ? "(quick smoke run) " : "") + "on " + Machine.cpu() + ", load average " + loadBefore);
    progress("logs and profiles: " + results);

    Wrk wrk = Wrk.prepare(results.resolve("wrk"));
    String secret = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(36));
    Tokens tokens = new Tokens(secret, options.users());
    List<Scenario> scenarios = Scenarios.all().stream().filter(s -> options.scenarios().contains(s.name())).toList();
    boolean ok = true;
    Postgres postgres = null;
    // Ctrl-C must not leave a server JVM or a PostgreSQL behind.
    AtomicReference<ServerProcess> running = new AtomicReference<>();
    AtomicReference<Postgres> database = new AtomicReference<>();
    Thread cleanup = new Thread(() -> {
      try {
        ServerProcess server = running.get();
        if (server != null) {
          server.close();
        }
        Postgres pg = database.get();
        if (pg != null) {
          pg.close();
        }
      } catch (IOException e) {
        System.err.println("benchmarks: cleanup after interrupt failed: " + e.getMessage());
      }
    }, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      if (options.databases().contains("postgresql")) {
        progress("starting a private PostgreSQL (scripts/postgres.sh, FSYNC=on)");
        postgres = Postgres.start(options.root());
        database.set(postgres);
      }
      Map<String, String> described = new LinkedHashMap<>();
      for (String db : options.databases()) {
        String display = db.equals("h2") ? "H2" : "PostgreSQL";
        for (Scenario scenario : scenarios) {
          progress("== " + display + " / " + scenario.name() + ": " + scenario.description());
          String jdbcUrl = db.equals("h2")
              ? "jdbc:h2:file:" + results.resolve("h2-" + scenario.name()).resolve("inflow").toAbsolutePath()
              : postgres.createDatabase("bench_" + scenario.name());
          Map<String, String> env = new LinkedHashMap<>();
          env.put("INFLOW_PORT", Integer.toString(freePort()));
          env.put("INFLOW_JDBC_URL", jdbcUrl);
          env.put("INFLOW_TOKEN_SECRET", secret);
          // Tenant-wide limits out of the way; per-user limits stay at their defaults, spread over many users.
          env.put("INFLOW_RATE_LIMITS", "tenant-writes=100000000,tenant-reads=100000000");
          List<String> jvm = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");
          try (ServerProcess server = ServerProcess.start(env, jvm, results.resolve("server-" + db + "-" + scenario.name() + ".log"))) {
            running.set(server);
            Bench bench = new Bench(options, display, server.port(), tokens, wrk, report, m -> progress("  " + m),
                new JfrProfiler(options.profile(), server.pid(), results.resolve("profiles"), m -> progress("  " + m)),
                new CpuMeter(server.pid(), postgres != null && db.equals("postgresql") ? OptionalLong.of(postgres.postmasterPid())
                    : OptionalLong.empty()));
            if (!described.containsKey(db)) {
              described.put(db, describe(bench.admin("GET", "db"), db));
              report.machine(display, described.get(db));
            }
            scenario.run(bench);
            running.set(null);
          } catch (Exception | AssertionError e) {
            ok = false;
            progress("!! " + display + " / " + scenario.name() + " failed: " + e);
            report.note(display + " / " + scenario.name() + " failed: " + e.getMessage());
            LOG.log(System.Logger.Level.ERROR, display + " / " + scenario.name() + " failed", e);
          }
        }
      }
    } finally {
      running.set(null);
      if (postgres != null) {
        database.set(null);
        postgres.close();
      }
    }
    Runtime.getRuntime().removeShutdownHook(cleanup);
    for (Scenarios.Planned planned : Scenarios.planned()) {
      report.notMeasured(planned.name(), planned.why());
    }
    String loadAfter = Machine.load();
    report.machine("Load average (1/5/15 min)", "before " + loadBefore + ", after " + loadAfter + " (on 2 cores, anything above ~0.5 is"
        + " someone else's work competing with the run)");
    report.machine("Duration", String.format("%.1f min", (System.nanoTime() - STARTED) / 60e9));
    Path doc = options.quick() ? options.results().resolve("benchmarks-quick.md") : options.root().resolve("docs/benchmarks.md");
    Path assets = options.quick() ? options.results().resolve("quick-assets") : options.root().resolve("docs/benchmarks");
    report.write(doc, assets, "benchmarks/run.sh" + (options.quick() ? " --quick" : ""));
    progress("report written to " + doc + (ok ? "" : " (some scenarios failed, see above)"));
    return ok;
  }

  private static String describe(JsonNode db, String kind) {
    if (kind.equals("h2")) {
      return "H2 " + db.path("version").asText() + ", file mode, fresh data directory per scenario; pool of "
          + db.path("poolSize").asInt() + " connections";
    }
    return "PostgreSQL " + db.path("server_version").asText() + ", private server (scripts/postgres.sh), fsync="
        + db.path("fsync").asText() + ", synchronous_commit=" + db.path("synchronous_commit").asText() + ", shared_buffers="
        + db.path("shared_buffers").asText() + ", fresh database per scenario; pool of " + db.path("poolSize").asInt() + " connections";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void progress(String message) {
    long s = (System.nanoTime() - STARTED) / 1_000_000_000L;
    System.out.printf("[%02d:%02d] %s%n", s / 60, s % 60, message);
    System.out.flush();
  }
}
