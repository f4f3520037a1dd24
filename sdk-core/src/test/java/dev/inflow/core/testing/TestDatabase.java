package dev.inflow.core.testing;

import dev.inflow.core.Inflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database for one test, on the database the build runs against: the system
 * property {@code inflow.test.db} is {@code h2} (an H2 file database in a temp directory, like the
 * embedded default) or {@code postgresql} (a new database on the server named by
 * {@code inflow.test.postgres.url}, which {@code scripts/test.sh} starts). A PostgreSQL run without
 * a server fails loudly: it never falls back to H2.
 */
public final class TestDatabase {
  /** H2 directories of this JVM, deleted when it exits so that test runs do not fill /tmp. */
  private static final java.util.List<Path> H2_DIRECTORIES = new java.util.concurrent.CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> H2_DIRECTORIES.forEach(TestDatabase::deleteQuietly), "test-db-cleanup"));
  }

  private TestDatabase() {}

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }

  /** @return {@code h2} or {@code postgresql} */
  public static String kind() {
    String kind = System.getProperty("inflow.test.db", "h2").toLowerCase(Locale.ROOT);
    if (!kind.equals("h2") && !kind.equals("postgresql")) {
      throw new IllegalStateException("inflow.test.db must be h2 or postgresql (got " + kind + ")");
    }
    return kind;
  }

  /** @return the JDBC URL of a new, empty database */
  public static String freshUrl() {
    if (kind().equals("h2")) {
      try {
        Path dir = Files.createTempDirectory("inflow-h2-");
        H2_DIRECTORIES.add(dir);
        return "jdbc:h2:file:" + dir.resolve("inflow") + ";DB_CLOSE_ON_EXIT=FALSE";
      } catch (IOException e) {
        throw new IllegalStateException("cannot create a temp directory for H2", e);
      }
    }
    String server = postgresUrl();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + server + ": " + e.getMessage(), e);
    }
    return server.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
  }

  /** @return a builder on a fresh database, with the test's own defaults left to the caller */
  public static Inflow.Builder inflow() {
    return Inflow.builder().jdbcUrl(freshUrl()).maxPoolSize(kind().equals("h2") ? 10 : 20);
  }

  /** @return the PostgreSQL server URL, e.g. {@code jdbc:postgresql://127.0.0.1:5433/postgres?user=inflow} */
  public static String postgresUrl() {
    String url = System.getProperty("inflow.test.postgres.url", "");
    if (url.isBlank()) {
      url = System.getenv().getOrDefault("INFLOW_TEST_POSTGRES_URL", "");
    }
    if (url.isBlank()) {
      throw new IllegalStateException("this run tests PostgreSQL but no server was given: run scripts/test.sh, which starts one, "
          + "or pass -Dinflow.test.postgres.url=jdbc:postgresql://host:port/postgres?user=...");
    }
    return url;
  }
}
