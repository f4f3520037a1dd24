package dev.inflow.core.internal.jobs;

import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Row;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.json.Json;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Background work shared by all nodes on one database. Jobs are enqueued inside the transaction
 * of the change that causes them, so they exist exactly when the change does. A node claims a due
 * job by setting a lease with a compare-and-set UPDATE, so one node runs it; a node that dies
 * holding a lease loses it when the lease expires and another node retries the job. Failures are
 * retried with exponential backoff and full jitter, and dead-lettered after {@code maxAttempts}.
 *
 * <p>Thread-safe. {@link #runDue()} may be called from tests with a controlled clock.
 */
public final class Jobs {
  private static final System.Logger LOG = System.getLogger(Jobs.class.getName());
  private static final int BATCH = 50;
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private final Database db;
  private final Clock clock;
  private final String node = UUID.randomUUID().toString();
  private final Duration lease;
  private final Duration baseBackoff;
  private final Random random;
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();

  /**
   * @param lease how long a claimed job stays with its node; longer than any job may take
   * @param baseBackoff the wait before the first retry; doubles with every further attempt
   */
  public Jobs(Database db, Clock clock, Duration lease, Duration baseBackoff, Random random) {
    this.db = db;
    this.clock = clock;
    this.lease = lease;
    this.baseBackoff = baseBackoff;
    this.random = random;
  }

  /** Registers the handler of a kind; jobs of kinds without a handler on this node wait for a node that has one. */
  public void register(String kind, JobHandler handler) {
    if (handlers.putIfAbsent(kind, handler) != null) {
      throw new IllegalStateException("a handler for job kind " + kind + " is already registered");
    }
  }

  /**
   * Enqueues a job inside the caller's transaction.
   *
   * @param dedupeKey when present, a second job with the same kind and key is not created
   * @param payload serialised to JSON
   * @return whether a job was created (false when the dedupe key existed)
   */
  public boolean enqueue(Sql sql, String tenantId, String kind, Optional<String> dedupeKey, Object payload, Instant runAt, int maxAttempts)
      throws SQLException {
    Instant now = now();
    return sql.insertIfAbsent("INSERT INTO inflow_job (tenant_id, kind, dedupe_key, payload, status, run_at, attempts, max_attempts, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, 'PENDING', ?, 0, ?, ?, ?)", tenantId, kind, dedupeKey, Json.write(payload),
        runAt.truncatedTo(ChronoUnit.MICROS), maxAttempts, now, now);
  }

  /**
   * Claims and runs the jobs due now that this node has handlers for, one batch.
   *
   * @return how many jobs ran (successfully or not)
   */
  public int runDue() {
    Instant now = now();
    List<String> kinds = List.copyOf(handlers.keySet());
    if (kinds.isEmpty()) {
      return 0;
    }
    List<Long> candidates = db.read(sql -> sql.list("SELECT id FROM inflow_job WHERE status = 'PENDING' AND run_at <= ?"
        + " AND (lease_until IS NULL OR lease_until < ?) AND kind IN (" + Sql.placeholders(kinds) + ") ORDER BY run_at, id LIMIT " + BATCH,
        row -> row.longValue("id"), Sql.params(kinds, now, now)));
    int ran = 0;
    for (long id : candidates) {
      Optional<Job> claimed = claim(id, now);
      if (claimed.isPresent()) {
        run(claimed.get());
        ran++;
      }
    }
    return ran;
  }

  private Optional<Job> claim(long id, Instant now) {
    return db.transaction(sql -> {
      int won = sql.update("UPDATE inflow_job SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?"
          + " WHERE id = ? AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)",
          node, now.plus(lease), now, id, now);
      if (won == 0) {
        return Optional.empty();
      }
      return sql.one("SELECT id, tenant_id, kind, payload, attempts, max_attempts, run_at FROM inflow_job WHERE id = ?",
          row -> new Job(row.longValue("id"), row.string("tenant_id"), row.string("kind"), row.string("payload"),
              row.intValue("attempts"), row.intValue("max_attempts"), row.instant("run_at")), id);
    });
  }

  private void run(Job job) {
    JobHandler handler = handlers.get(job.kind());
    try {
      handler.run(job);
      finish(job, "DONE", null, null);
    } catch (PermanentJobFailure e) {
      LOG.log(Level.WARNING, "job {0} ({1}) failed for good: {2}", job.id(), job.kind(), e.getMessage());
      finish(job, "DEAD", e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(job, "PENDING", "interrupted", now());
    } catch (Exception e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (job.lastAttempt()) {
        LOG.log(Level.WARNING, "job {0} ({1}) dead-lettered after {2} attempts: {3}", job.id(), job.kind(), job.attempt(), error);
        finish(job, "DEAD", error, null);
      } else {
        Instant retryAt = now().plus(backoff(job.attempt()));
        LOG.log(Level.INFO, "job {0} ({1}) failed (attempt {2}), retrying at {3}: {4}", job.id(), job.kind(), job.attempt(), retryAt, error);
        finish(job, "PENDING", error, retryAt);
      }
    }
  }

  private void finish(Job job, String status, String error, Instant retryAt) {
    db.transaction(sql -> sql.update("UPDATE inflow_job SET status = ?, last_error = COALESCE(?, last_error), run_at = COALESCE(?, run_at),"
        + " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
        status, error == null ? null : abbreviate(error), retryAt, now(), job.id(), node));
  }

  /** Full jitter: a random wait between 0 and base × 2^(attempt-1), capped at an hour. */
  Duration backoff(int attempt) {
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), baseBackoff.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(baseBackoff.toMillis() / 2 + (long) (random.nextDouble() * ceiling));
  }

  /** @return jobs of a tenant in a status, newest first, for administrators */
  public List<JobRecord> list(String tenantId, String status, int limit) {
    return db.read(sql -> sql.list("SELECT id, tenant_id, kind, status, attempts, max_attempts, run_at, last_error, payload, created_at"
        + " FROM inflow_job WHERE tenant_id = ? AND status = ? ORDER BY id DESC LIMIT ?", Jobs::record, tenantId, status, limit));
  }

  /** @return jobs of a tenant in a status with ids below {@code beforeId}, newest first, for administrators paging through them */
  public List<JobRecord> list(String tenantId, String status, long beforeId, int limit) {
    return db.read(sql -> sql.list("SELECT id, tenant_id, kind, status, attempts, max_attempts, run_at, last_error, payload, created_at"
        + " FROM inflow_job WHERE tenant_id = ? AND status = ? AND id < ? ORDER BY id DESC LIMIT ?", Jobs::record, tenantId, status, beforeId, limit));
  }

  /** Puts a dead job back in the queue with a fresh set of attempts. @return whether it was dead */
  public boolean retry(String tenantId, long id) {
    Instant now = now();
    return db.transaction(sql -> sql.update("UPDATE inflow_job SET status = 'PENDING', attempts = 0, run_at = ?, updated_at = ?"
        + " WHERE tenant_id = ? AND id = ? AND status = 'DEAD'", now, now, tenantId, id)) == 1;
  }

  /** Forgets finished jobs older than the given age. @return how many */
  public int purgeDone(Duration olderThan) {
    return db.transaction(sql -> sql.update("DELETE FROM inflow_job WHERE status = 'DONE' AND updated_at < ?", now().minus(olderThan)));
  }

  private static JobRecord record(Row row) throws SQLException {
    return new JobRecord(row.longValue("id"), row.string("tenant_id"), row.string("kind"), row.string("status"), row.intValue("attempts"),
        row.intValue("max_attempts"), row.instant("run_at"), row.optionalString("last_error"), row.string("payload"), row.instant("created_at"));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String abbreviate(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) : s;
  }
}
