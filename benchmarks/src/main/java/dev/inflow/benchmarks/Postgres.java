package dev.inflow.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private PostgreSQL server for the run, started with the project's {@code scripts/postgres.sh}
 * with {@code FSYNC=on} (commits reach the disk, as in production), stopped at the end.
 */
final class Postgres implements AutoCloseable {
  private static final Pattern EXPORTS = Pattern.compile("INFLOW_PG_DIR=(\\S+) INFLOW_PG_PORT=(\\d+)");
  private final Path script;
  private final String dir;
  private final int port;

  private Postgres(Path script, String dir, int port) {
    this.script = script;
    this.dir = dir;
    this.port = port;
  }

  static Postgres start(Path repoRoot) throws IOException, InterruptedException {
    Path script = repoRoot.resolve("scripts/postgres.sh");
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "start").redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("FSYNC", "on");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("scripts/postgres.sh start failed: " + out);
    }
    Matcher m = EXPORTS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("unexpected output of scripts/postgres.sh: " + out);
    }
    return new Postgres(script, m.group(1), Integer.parseInt(m.group(2)));
  }

  /** Creates an empty database and returns its JDBC URL. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=inflow";
  }

  /** @return the postmaster's process id, whose children are the backends serving the pool */
  long postmasterPid() throws IOException {
    return Long.parseLong(java.nio.file.Files.readAllLines(Path.of(dir, "data", "postmaster.pid")).get(0).strip());
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() throws IOException {
    Process stop = new ProcessBuilder("bash", script.toString(), "stop", dir).inheritIO().start();
    try {
      stop.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
