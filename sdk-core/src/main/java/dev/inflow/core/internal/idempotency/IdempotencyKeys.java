package dev.inflow.core.internal.idempotency;

import dev.inflow.core.ConflictException;
import dev.inflow.core.InflowException;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.db.SqlWork;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} bookkeeping for creates. {@link #once} records the key in the create's
 * own transaction, after the work and together with the id of what it created, so the key and the
 * created row commit together or not at all: a retry after a crash either finds both or neither.
 * Recording it last costs one statement per create; a retry does the work again and rolls it back
 * when the key turns out to be taken, which is rare. Keys are scoped to the user and kept for
 * {@link #RETENTION}.
 *
 * <p>Thread-safe.
 */
public final class IdempotencyKeys {
  /** How long a key is remembered; clients retry within minutes, 24 h leaves a wide margin. */
  public static final Duration RETENTION = Duration.ofHours(24);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private final Database db;
  private final Clock clock;

  /**
   * A request under a key.
   *
   * @param userId who sends the request (keys of different users never clash)
   * @param operation what the request does, e.g. {@code comment.create}
   * @param requestHash {@link #hash} of everything that makes the request what it is
   */
  public record Claim(String tenantId, String userId, String key, String operation, String requestHash) {}

  /** What a create came to: its own result, or what an earlier request with the same key created. */
  public sealed interface Outcome<T> {
    /** This request did the work. */
    record Done<T>(T value) implements Outcome<T> {}

    /** An earlier request with the key did it; this one changed nothing. */
    record Replayed<T>(String resourceId) implements Outcome<T> {}
  }

  private record Earlier(String operation, String requestHash, String resourceId) {}

  /** Rolls back the work of a request whose key an earlier request took. */
  private static final class TakenBefore extends RuntimeException {
    private final Earlier earlier;

    TakenBefore(Earlier earlier) {
      super("idempotency key taken", null, false, false);
      this.earlier = earlier;
    }
  }

  public IdempotencyKeys(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * @return the key, if it is 1–255 visible ASCII characters
   * @throws InvalidInputException otherwise
   */
  public static String requireValid(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new InvalidInputException("Idempotency-Key", "an Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID");
    }
    return key;
  }

  /**
   * Runs a create in one transaction, once per key.
   *
   * @param claim the request's key, if it has one
   * @param resourceId the id of what the work created, recorded with the key
   * @throws ConflictException when the key was used for a different request
   */
  public <T> Outcome<T> once(Optional<Claim> claim, SqlWork<T> work, Function<T, String> resourceId) {
    if (claim.isEmpty()) {
      return new Outcome.Done<>(db.transaction(work));
    }
    Claim c = claim.get();
    try {
      return new Outcome.Done<>(db.transaction(sql -> {
        T value = work.run(sql);
        if (sql.insertIfAbsent("INSERT INTO inflow_idempotency (tenant_id, user_id, idem_key, operation, request_hash, resource_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)", c.tenantId(), c.userId(), c.key(), c.operation(), c.requestHash(), resourceId.apply(value), clock.instant())) {
          return value;
        }
        // PostgreSQL waited for the earlier request to commit; H2 may report it while it is still in flight: try again then.
        throw new TakenBefore(earlier(sql, c).orElseThrow(() -> new SQLException("idempotency key claimed by a concurrent request", "40001")));
      }));
    } catch (TakenBefore e) {
      return replay(c, e.earlier);
    } catch (InflowException e) {
      // A retry may meet a changed world (the target locked, the question closed since): it still gets what the first request created.
      Optional<Earlier> earlier;
      try {
        earlier = db.read(sql -> earlier(sql, c));
      } catch (InflowException unreadable) {
        e.addSuppressed(unreadable);
        throw e;
      }
      return replay(c, earlier.orElseThrow(() -> e));
    }
  }

  private static Optional<Earlier> earlier(Sql sql, Claim c) throws SQLException {
    return sql.one("SELECT operation, request_hash, resource_id FROM inflow_idempotency WHERE tenant_id = ? AND user_id = ? AND idem_key = ?",
        row -> new Earlier(row.string("operation"), row.string("request_hash"), row.string("resource_id")), c.tenantId(), c.userId(), c.key());
  }

  private static <T> Outcome<T> replay(Claim c, Earlier earlier) {
    if (!earlier.operation().equals(c.operation()) || !earlier.requestHash().equals(c.requestHash())) {
      throw new ConflictException("this Idempotency-Key was already used for a different request; use a new key for a new request");
    }
    return new Outcome.Replayed<>(earlier.resourceId());
  }

  /** Forgets keys older than {@link #RETENTION}. */
  public int purge(Sql sql) throws SQLException {
    return sql.update("DELETE FROM inflow_idempotency WHERE created_at < ?", clock.instant().minus(RETENTION));
  }

  /** @return a SHA-256 hex digest of the parts, separated so that ("ab","c") differs from ("a","bc") */
  public static String hash(Object... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object part : parts) {
        String text = part instanceof Optional<?> o ? o.map(String::valueOf).orElse("\u0000null") : String.valueOf(part);
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x1F);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
