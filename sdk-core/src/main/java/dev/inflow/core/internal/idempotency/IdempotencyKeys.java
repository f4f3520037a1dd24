package dev.inflow.core.internal.idempotency;

import dev.inflow.core.ConflictException;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.internal.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} bookkeeping for creates. A key is claimed inside the create's own
 * transaction, so the key and the created row commit together or not at all: a retry after a
 * crash either finds both or neither. Keys are scoped to the user and kept for {@link #RETENTION}.
 *
 * <p>Thread-safe.
 */
public final class IdempotencyKeys {
  /** How long a key is remembered; clients retry within minutes, 24 h leaves a wide margin. */
  public static final Duration RETENTION = Duration.ofHours(24);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private final Clock clock;

  public IdempotencyKeys(Clock clock) {
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
   * Claims the key for this request inside the caller's transaction.
   *
   * @param userId who sends the request (keys of different users never clash)
   * @param operation what the request does, e.g. {@code comment.create}
   * @param requestHash {@link #hash} of everything that makes the request what it is
   * @return empty when the key is new (create, then {@link #complete}); otherwise the id of what
   *     the earlier request with this key created
   * @throws ConflictException when the key was used for a different request
   */
  public Optional<String> claim(Sql sql, String tenantId, String userId, String key, String operation, String requestHash) throws SQLException {
    if (sql.insertIfAbsent("INSERT INTO inflow_idempotency (tenant_id, user_id, idem_key, operation, request_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        tenantId, userId, key, operation, requestHash, clock.instant())) {
      return Optional.empty();
    }
    var earlier = sql.one("SELECT operation, request_hash, resource_id FROM inflow_idempotency WHERE tenant_id = ? AND user_id = ? AND idem_key = ?",
        row -> new String[] {row.string("operation"), row.string("request_hash"), row.string("resource_id")}, tenantId, userId, key)
        .orElseThrow(() -> new SQLException("idempotency key vanished while claimed", "40001"));
    if (!earlier[0].equals(operation) || !earlier[1].equals(requestHash)) {
      throw new ConflictException("this Idempotency-Key was already used for a different request; use a new key for a new request");
    }
    if (earlier[2] == null) {
      // Committed without a resource cannot happen (claim and complete share a transaction), so
      // this is a concurrent claim still in flight: let the transaction retry.
      throw new SQLException("idempotency key claimed by a concurrent request", "40001");
    }
    return Optional.of(earlier[2]);
  }

  /** Records what the claimed key created, in the same transaction as the claim. */
  public void complete(Sql sql, String tenantId, String userId, String key, String resourceId) throws SQLException {
    sql.update("UPDATE inflow_idempotency SET resource_id = ? WHERE tenant_id = ? AND user_id = ? AND idem_key = ?",
        resourceId, tenantId, userId, key);
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
