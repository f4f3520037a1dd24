package dev.inflow.core.event.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.inflow.core.Caller;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.idempotency.IdempotencyKeys;
import dev.inflow.core.internal.json.Json;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single-use tickets for opening the live channel from another origin: the page trades its
 * short-lived bearer token for a ticket over HTTPS and puts only the ticket in the WebSocket URL.
 * A ticket lives {@link #LIFETIME} and works once, on any node (they are in the database, hashed).
 *
 * <p>Thread-safe.
 */
public final class LiveTickets {
  /** How long a ticket may wait before it is used. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);
  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** A new ticket. @param ticket the secret to put in the URL @param expiresAt when it stops working */
  public record Ticket(String ticket, Instant expiresAt) {}

  private record StoredUser(String id, String name, String avatarUrl, List<String> roles, List<String> expertise) {}

  public LiveTickets(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Issues a ticket for a signed-in caller. */
  public Ticket issue(Caller caller) {
    User user = caller.requireUser("open the live channel");
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.MICROS);
    String userJson = Json.write(new StoredUser(user.id(), user.name(), user.avatarUrl().orElse(null),
        user.roles().stream().map(Role::wireName).toList(), List.copyOf(user.expertise())));
    db.transaction(sql -> {
      sql.update("DELETE FROM inflow_live_ticket WHERE expires_at < ?", clock.instant());
      return sql.update("INSERT INTO inflow_live_ticket (ticket_hash, tenant_id, user_json, expires_at) VALUES (?, ?, ?, ?)",
          IdempotencyKeys.hash(ticket), caller.tenantId(), userJson, expiresAt);
    });
    return new Ticket(ticket, expiresAt);
  }

  /** @return the caller the ticket was issued to, if it exists and has not expired; it is used up either way */
  public Optional<Caller> redeem(String ticket) {
    String hash = IdempotencyKeys.hash(ticket);
    Optional<Map.Entry<String, String>> row = db.transaction(sql -> {
      var found = sql.one("SELECT tenant_id, user_json, expires_at FROM inflow_live_ticket WHERE ticket_hash = ? FOR UPDATE",
          r -> r.instant("expires_at").isAfter(clock.instant()) ? Map.entry(r.string("tenant_id"), r.string("user_json")) : null, hash);
      sql.update("DELETE FROM inflow_live_ticket WHERE ticket_hash = ?", hash);
      return found;
    });
    return row.map(entry -> {
      try {
        StoredUser u = Json.MAPPER.readValue(entry.getValue(), StoredUser.class);
        return Caller.of(entry.getKey(), User.builder(u.id()).name(u.name()).avatarUrl(u.avatarUrl())
            .roles(u.roles().stream().map(Role::fromWireName).flatMap(Optional::stream).toList()).expertise(u.expertise()).build());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored live ticket is unreadable", e);
      }
    });
  }
}
