package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted (pg_ctl restart -m fast, which ends every connection) while eight writers
 * post comments: during the outage requests fail cleanly with 503 problem+json, never a 500;
 * afterwards Inflow recovers by itself, without a restart of its own, and every comment that was
 * acknowledged with 201 is there. Needs the private server of scripts/postgres.sh
 * ({@code INFLOW_PG_DIR}); runs in the PostgreSQL execution only.
 */
class DatabaseRestartPostgresOnlyTest {
  private static final String API = "/inflow/api/v1";
  private static final System.Logger LOG = System.getLogger(DatabaseRestartPostgresOnlyTest.class.getName());

  @Test
  void aRestartDuringLoadFailsCleanlyRecoversAndLosesNoAcknowledgedWrite() throws Exception {
    assertThat(TestDatabase.kind()).as("this test needs PostgreSQL").isEqualTo("postgresql");
    String pgDir = System.getenv("INFLOW_PG_DIR");
    assertThat(pgDir).as("INFLOW_PG_DIR from scripts/postgres.sh: the test restarts that server").isNotBlank();
    assertThat(Path.of(pgDir, "data")).isDirectory();

    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> unclean = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    String target = "kb/restart";
    try (Inflow node = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(100_000).tenantWritesPerMinute(1_000_000).build())
        .build();
        TestServer server = TestServer.start(Container.JETTY, InflowServlet.builder(node).tenantKeys(TestTokens.keys()).build())) {
      Http http = new Http(server.baseUrl());
      ExecutorService writers = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        futures.add(writers.submit(() -> {
          for (int i = 0; running.get() && i < 400; i++) {
            String body = "w" + writer + "-" + i;
            Http.Response r;
            try {
              r = http.post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("writer" + writer))
                  .header("Idempotency-Key", body).json("{\"body\":\"" + body + "\"}").send();
            } catch (IllegalStateException e) {
              unclean.add(body + ": " + e.getMessage());
              continue;
            }
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 201) {
              acknowledged.put(r.json().path("id").asText(), body);
            } else if (r.status() != 503 || !r.header("Content-Type").startsWith("application/problem+json")
                || r.header("Retry-After") == null) {
              unclean.add(body + ": " + r);
            }
          }
        }));
      }
      Thread.sleep(1_500);
      int before = acknowledged.size();
      long restartStarted = System.nanoTime();
      pgCtl(pgDir, "restart");
      LOG.log(System.Logger.Level.INFO, "pg_ctl restart took {0} ms", (System.nanoTime() - restartStarted) / 1_000_000);
      Thread.sleep(1_500);
      running.set(false);
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
      writers.shutdown();
      LOG.log(System.Logger.Level.INFO, "answers during the restart: {0}", statuses);

      assertThat(unclean).as("answers other than 201 or 503 problem+json with Retry-After").isEmpty();
      assertThat(before).as("writes before the restart").isPositive();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Http.Response after;
      do {
        after = http.post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana")).json("{\"body\":\"after\"}").send();
        Thread.sleep(after.status() == 201 ? 0 : 500);
      } while (after.status() != 201 && System.nanoTime() < deadline);
      assertThat(after.status()).as("recovered by itself within 30 s: " + after).isEqualTo(201);
      assertThat(http.get("/inflow/health").send().status()).isEqualTo(200);

      Set<String> listed = new HashSet<>();
      String cursor = "";
      do {
        JsonNode page = http.get(API + "/targets/" + target + "/comments?limit=100" + cursor).bearer(TestTokens.token("reader")).send().json();
        page.path("items").forEach(c -> listed.add(c.path("id").asText()));
        cursor = page.path("next").isTextual() ? "&cursor=" + page.path("next").asText() : null;
      } while (cursor != null);
      assertThat(listed).as("every acknowledged comment survived").containsAll(acknowledged.keySet());
    }
  }

  /** Runs pg_ctl on the test server's data directory, as the postgres user when this runs as root. */
  private static void pgCtl(String pgDir, String action) throws Exception {
    Path bin;
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      bin = versions.map(v -> v.resolve("bin/pg_ctl")).filter(Files::isExecutable).sorted().reduce((a, b) -> b)
          .orElseThrow(() -> new IllegalStateException("no pg_ctl under /usr/lib/postgresql"));
    }
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    // -l: the restarted server writes to the log scripts/postgres.sh gave it. Without it the server
    // inherits pg_ctl's output, and reading that to its end would wait for the server to stop.
    command.addAll(List.of(bin.toString(), "-D", pgDir + "/data", "-l", pgDir + "/log", "-m", "fast", "-w", "-t", "60", action));
    Path out = Files.createTempFile("pg_ctl", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertThat(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).as("pg_ctl %s finished", action).isTrue();
      assertThat(p.exitValue()).as("pg_ctl %s: %s", action, Files.readString(out)).isZero();
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
