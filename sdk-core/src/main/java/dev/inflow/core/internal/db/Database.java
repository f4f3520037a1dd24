package dev.inflow.core.internal.db;

import dev.inflow.core.InflowException;
import dev.inflow.core.StorageUnavailableException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Runs units of work on the host's (or Inflow's own) connection pool. Transactions are retried a
 * few times when the database reports a serialization failure or deadlock, because those are
 * expected under concurrent writes and the work is idempotent up to commit. Failures that mean
 * "the database is not reachable right now" or "the database has no space left" become
 * {@link StorageUnavailableException}. It remembers since when writes are refused for lack of
 * space, for {@code /health}: the database still answers then, so a connection check alone would
 * say all is well.
 *
 * <p>Thread-safe.
 */
public final class Database {
  private static final System.Logger LOG = System.getLogger(Database.class.getName());
  private static final int ATTEMPTS = 4;
  /** Deadlock / serialization failure (both), lock timeout (H2), deadlock detected (PostgreSQL). */
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "HYT00");
  /**
   * SQL states that mean "not now" rather than "never": admin shutdown, crash shutdown, cannot
   * connect now, too many connections, I/O error, read-only transaction / database.
   */
  private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300", "58030", "25006", "90097", "90098", "90067", "90121");
  /** PostgreSQL's disk_full: a data file could not be extended with ENOSPC, or only partly. */
  private static final String DISK_FULL = "53100";
  /**
   * The operating system's words for "no room to write" (ENOSPC, EFBIG, EDQUOT). PostgreSQL
   * reports EFBIG and EDQUOT as internal error XX000 ("could not extend file ...: File too
   * large"), and H2 as a general error caused by an IOException, so only the message tells. The
   * texts are glibc's; a server with translated messages is then answered as "unavailable" instead.
   */
  private static final List<String> NO_SPACE = List.of("No space left on device", "File too large", "Disk quota exceeded");
  /** About the size of a comment's event: a probe that fits shows that the next change fits too. */
  private static final int PROBE_BYTES = 1000;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final AtomicReference<Instant> writesRefusedSince = new AtomicReference<>();

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection()) {
      this.dialect = Dialect.of(c);
    } catch (SQLException e) {
      throw new InflowException("cannot connect to the database: " + e.getMessage(), e);
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs the work in one transaction, committed when it returns and rolled back when it throws. */
  public <T> T transaction(SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        Sql sql = new Sql(c, dialect);
        boolean committed = false;
        try {
          T result = work.run(sql);
          c.commit();
          committed = true;
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c, e);
          throw e;
        } finally {
          sql.completed(committed);
          restoreAutoCommit(c, autoCommit);
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && isRetryable(e)) {
          LOG.log(Level.DEBUG, "retrying transaction after {0} (attempt {1})", e.getSQLState(), attempt);
          backOff(attempt);
          continue;
        }
        InflowException failure = translate(e);
        if (failure instanceof StorageUnavailableException u && u.storageFull()) {
          writesRefusedSince.compareAndSet(null, Instant.now());
        }
        throw failure;
      }
    }
  }

  /** Runs read-only work with auto-commit; each statement sees committed data. */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      Sql sql = new Sql(c, dialect);
      boolean succeeded = false;
      try {
        T result = work.run(sql);
        succeeded = true;
        return result;
      } finally {
        sql.completed(succeeded);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** @return whether a connection can be had and answers within two seconds */
  public boolean isReachable() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Since when writes have been refused because the database has no space left. While a refusal is
   * on record this writes a probe row of the size of a typical event into {@code inflow_event},
   * the table every change appends to, and rolls it back: when that works there is space again and
   * the record is cleared. A committed write alone would not prove it, as a small row may still
   * fit into a page that has room while the next event does not. Without a refusal on record this
   * costs nothing. On H2 the probe shows less: H2 writes its file only when a transaction commits
   * (during the commit with Inflow's {@code WRITE_DELAY=0}), so a row it takes and rolls back never
   * touched the file.
   *
   * @return the first refusal not yet followed by a probe that found space, or empty
   */
  public Optional<Instant> writesRefusedSince() {
    Instant since = writesRefusedSince.get();
    if (since != null && probeWrite()) {
      writesRefusedSince.compareAndSet(since, null);
      return Optional.empty();
    }
    return Optional.ofNullable(since);
  }

  private boolean probeWrite() {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO inflow_event (tenant_id, topic, kind, target_key, payload, created_at) VALUES (?, ?, ?, NULL, ?, ?)")) {
        ps.setString(1, "-");
        ps.setString(2, "health");
        ps.setString(3, "write-probe");
        ps.setString(4, "x".repeat(PROBE_BYTES));
        ps.setObject(5, Instant.now().atOffset(ZoneOffset.UTC));
        ps.executeUpdate();
        return true;
      } finally {
        // the probe is never kept; a connection that cannot roll back is discarded by the pool
        c.rollback();
        restoreAutoCommit(c, autoCommit);
      }
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "write probe failed: {0}", e.getMessage());
      return false;
    }
  }

  /** Maps a driver exception to what a caller can act on. */
  public static InflowException translate(SQLException e) {
    if (isStorageFull(e)) {
      // No promise that reads work: on PostgreSQL they do, but H2 closes its file after a failed write.
      return new StorageUnavailableException("the database has no space left, so nothing was written."
          + " Retry once an operator has freed space", e, true);
    }
    if (isUnavailable(e)) {
      return new StorageUnavailableException("the database is not available right now; retry shortly", e);
    }
    return new InflowException("database error " + e.getSQLState() + ": " + e.getMessage(), e);
  }

  private static boolean isStorageFull(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && DISK_FULL.equals(s.getSQLState())) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && NO_SPACE.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnavailable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || UNAVAILABLE.contains(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // Set.of(...).contains(null) throws: a connection cut by a server restart has no SQL state.
      if (t instanceof SQLException s && s.getSQLState() != null && RETRYABLE.contains(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts auto-commit back for the pool. On a connection the server has just cut (a restart, a
   * fail-over) this throws "Connection is closed", which must not replace the exception that says
   * why the transaction failed: that one tells the caller to retry (503) instead of a 500. The
   * pool discards a broken connection anyway.
   */
  private static void restoreAutoCommit(Connection c, boolean autoCommit) {
    try {
      c.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "could not restore auto-commit on a broken connection: {0}", e.getMessage());
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(5L * attempt * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while retrying a transaction", e);
    }
  }
}
