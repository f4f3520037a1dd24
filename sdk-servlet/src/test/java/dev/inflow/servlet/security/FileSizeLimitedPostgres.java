package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL server whose processes may not write any file beyond a size limit
 * (RLIMIT_FSIZE, {@code ulimit -f}, set before {@code pg_ctl start} and inherited by every
 * backend). PostgreSQL ignores SIGXFSZ, so a write past the limit fails with EFBIG and the backend
 * reports "could not extend file ...: File too large", the same path as ENOSPC on a full disk. No
 * mount or other privilege is needed, and no other server is touched: the limit is a soft one on
 * these processes only.
 *
 * <p>The limit is per file, so a test fills the one table it wants full; WAL segments are made 1 MB
 * at initdb so that they stay below the limit. Like scripts/postgres.sh it runs the server as the
 * {@code postgres} user when the tests run as root.
 */
final class FileSizeLimitedPostgres implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FileSizeLimitedPostgres.class.getName());
  private final Path dir;
  private final Path bin;
  private final int port;

  private FileSizeLimitedPostgres(Path dir, Path bin, int port) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
  }

  /** Creates a cluster in a temp directory and starts it with every file limited to {@code limitBytes}. */
  static FileSizeLimitedPostgres start(long limitBytes) throws Exception {
    assertThat(limitBytes % 1024).as("ulimit -f counts KiB").isZero();
    Path bin;
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).max(Comparator.naturalOrder())
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql; apt-get install postgresql"));
    }
    Path dir = Files.createTempDirectory("inflow-pg-full-");
    if (isRoot()) {
      UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    FileSizeLimitedPostgres pg = new FileSizeLimitedPostgres(dir, bin, port);
    try {
      pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "inflow", "--auth=trust", "-E", "UTF8",
          "--no-sync", "--wal-segsize=1"));
      String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40"
          // no autovacuum: it would free space in the full table behind the test's back
          + " -c autovacuum=off";
      // -S: a soft limit, on these processes only; bash's ulimit -f counts KiB
      pg.run(List.of("bash", "-c", "ulimit -S -f \"$1\" && exec \"$2\" -D \"$3\" -l \"$4\" -w -t 60 -o \"$5\" start", "bash",
          Long.toString(limitBytes / 1024), bin.resolve("pg_ctl").toString(), dir.resolve("data").toString(), dir.resolve("log").toString(),
          options));
      long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).strip());
      assertThat(Files.readAllLines(Path.of("/proc/" + postmaster + "/limits")))
          .as("the server runs under the file-size limit")
          .anySatisfy(line -> assertThat(line).startsWith("Max file size").contains(" " + limitBytes + " "));
      return pg;
    } catch (Exception | AssertionError e) {
      pg.close();
      throw e;
    }
  }

  /** @return the JDBC URL of the server's {@code postgres} database */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=inflow";
  }

  /** Runs statements on a connection of its own, in auto-commit. */
  void execute(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** @return the first column of the first row */
  long queryLong(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
      }
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path out = Files.createTempFile("pg-full", ".txt");
    try {
      // output to a file: a started server keeps pg_ctl's output open, so a pipe would never end
      Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command.get(0)).isTrue();
      String log = Files.readString(out);
      assertThat(p.exitValue()).as("%s: %s%s", command, log, Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "").isZero();
      LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", command.get(0), log);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
