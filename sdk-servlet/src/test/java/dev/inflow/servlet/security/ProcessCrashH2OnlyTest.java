package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server on its embedded default, an H2 file, is killed with SIGKILL while writers
 * are posting: after a restart on the same file every comment that was answered 201 is there.
 *
 * <p>The server runs as a child process ({@code java -cp <test class path> InflowServer}) so that
 * it can die the way a process dies when the kernel's OOM killer, {@code kill -9} or a crashed JVM
 * ends it: no shutdown hook, no close of the database. H2 acknowledges a commit before it writes it
 * to its file unless {@code WRITE_DELAY} is 0, which Inflow sets for {@code jdbc:h2:file:} URLs;
 * without it a restart lost 24 of 152, in another run 51 of 121, acknowledged comments. Runs on H2 only: the
 * PostgreSQL execution has {@code DatabaseRestartPostgresOnlyTest} for its server going away.
 */
class ProcessCrashH2OnlyTest {
  private static final String TARGET = "kb/process-crash";
  private static final int WRITERS = 6;
  /** Enough to be sure posts are in flight and the last ones were acknowledged just before the kill. */
  private static final int ACKNOWLEDGED_BEFORE_KILL = 120;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedCommentSurvivesTheServerProcessBeingKilledMidWrite() throws Exception {
    // The form of Inflow's default URL (no settings after the path), only in a fresh directory.
    String url = "jdbc:h2:file:" + dir.resolve("data/inflow");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    ChildServer first = ChildServer.start(url, dir.resolve("first.log"));
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      Http http = new Http(first.baseUrl());
      for (int w = 0; w < WRITERS; w++) {
        String token = TestTokens.token("writer" + w);
        int writer = w;
        writers.submit(() -> {
          for (int i = 0; writing.get(); i++) {
            try {
              Http.Response r = http.post("/inflow/api/v1/targets/" + TARGET + "/comments").bearer(token)
                  .json("{\"body\":\"writer " + writer + " comment " + i + "\"}").send();
              if (r.status() == 201) {
                acknowledged.add(r.json().path("id").asText());
              }
            } catch (RuntimeException e) {
              // the server died under this request: it was never acknowledged
            }
          }
        });
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline && first.process.isAlive()) {
        Thread.sleep(5);
      }
      assertThat(acknowledged.size()).as("posts were acknowledged before the kill; server log:%n%s", first.log())
          .isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
      first.kill();
    } finally {
      writing.set(false);
      first.kill();
      writers.shutdown();
      assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).as("writers stopped").isTrue();
    }

    ChildServer restarted = ChildServer.start(url, dir.resolve("restarted.log"));
    try {
      Set<String> listed = listAll(new Http(restarted.baseUrl()));
      Set<String> lost = new HashSet<>(acknowledged);
      lost.removeAll(listed);
      assertThat(lost).as("acknowledged comments missing after the restart (%d of %d)", lost.size(), acknowledged.size()).isEmpty();
    } finally {
      restarted.kill();
    }
  }

  private static Set<String> listAll(Http http) {
    Set<String> listed = new HashSet<>();
    String cursor = "";
    do {
      Http.Response r = http.get("/inflow/api/v1/targets/" + TARGET + "/comments?limit=100" + cursor).bearer(TestTokens.token("reader")).send();
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode page = r.json();
      page.path("items").forEach(c -> listed.add(c.path("id").asText()));
      cursor = page.path("next").isTextual() ? "&cursor=" + page.path("next").asText() : null;
    } while (cursor != null);
    return listed;
  }

  /** {@code InflowServer} in its own JVM, configured through the environment as an operator would. */
  private record ChildServer(Process process, int port, Path logFile) {
    static ChildServer start(String jdbcUrl, Path logFile) throws Exception {
      int port = freePort();
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          // Starts in about half the time on a busy machine; throughput does not matter here.
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), "dev.inflow.servlet.server.InflowServer")
          .redirectErrorStream(true).redirectOutput(logFile.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("INFLOW_"));
      builder.environment().put("INFLOW_PORT", Integer.toString(port));
      builder.environment().put("INFLOW_JDBC_URL", jdbcUrl);
      builder.environment().put("INFLOW_TOKEN_SECRET", TestTokens.SECRET);
      builder.environment().put("INFLOW_RATE_LIMITS", "user-writes=100000,tenant-writes=1000000");
      ChildServer server = new ChildServer(builder.start(), port, logFile);
      try {
        server.awaitHealthy();
      } catch (Exception | AssertionError e) {
        server.kill();
        throw e;
      }
      return server;
    }

    String baseUrl() {
      return "http://localhost:" + port;
    }

    String log() throws IOException {
      return Files.exists(logFile) ? Files.readString(logFile) : "(no output)";
    }

    /** SIGKILL on Linux: the JVM gets no chance to run shutdown hooks or close H2. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    private void awaitHealthy() throws Exception {
      Http http = new Http(baseUrl());
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("server process exited while starting:%n%s", log()).isTrue();
        try {
          if (http.get("/inflow/health").send().status() == 200) {
            return;
          }
        } catch (RuntimeException notListeningYet) {
          // still starting
        }
        Thread.sleep(100);
      }
      throw new AssertionError("server not healthy within " + START_TIMEOUT + ":\n" + log());
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }
}
