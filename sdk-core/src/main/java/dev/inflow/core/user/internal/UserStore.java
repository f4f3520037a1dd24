package dev.inflow.core.user.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Row;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.spi.UserDirectory;
import dev.inflow.core.user.Users;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Users in {@code inflow_user}, with a profile cache so that remembering the caller on every
 * request costs a database write only when the profile changed.
 */
public final class UserStore implements Users {
  private final Database db;
  private final UserDirectory directory;
  private final Clock clock;
  /** Profiles as last written or read, per tenant|id; five minutes so directory edits show up. */
  private final Cache<String, Optional<User>> profiles = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterWrite(Duration.ofMinutes(5))
      .build();

  public UserStore(Database db, UserDirectory directory, Clock clock) {
    this.db = db;
    this.directory = directory;
    this.clock = clock;
  }

  @Override
  public void remember(String tenantId, User user) {
    String key = tenantId + "|" + user.id();
    Optional<User> known = profiles.getIfPresent(key);
    if (known != null && known.isPresent() && known.get().equals(user)) {
      return;
    }
    db.transaction(sql -> {
      var now = clock.instant();
      String roles = user.roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
      String expertise = user.expertise().stream().sorted().collect(Collectors.joining(","));
      int updated = sql.update("UPDATE inflow_user SET name = ?, avatar_url = ?, roles = ?, expertise = ?, last_seen = ?"
          + " WHERE tenant_id = ? AND id = ?", user.name(), user.avatarUrl(), roles, expertise, now, tenantId, user.id());
      if (updated == 0 && !sql.insertIfAbsent("INSERT INTO inflow_user (tenant_id, id, name, avatar_url, roles, expertise, first_seen, last_seen)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tenantId, user.id(), user.name(), user.avatarUrl(), roles, expertise, now, now)) {
        sql.update("UPDATE inflow_user SET name = ?, avatar_url = ?, roles = ?, expertise = ?, last_seen = ?"
            + " WHERE tenant_id = ? AND id = ?", user.name(), user.avatarUrl(), roles, expertise, now, tenantId, user.id());
      }
      UserExpertise.replace(sql, tenantId, user.id(), user.expertise().stream().sorted().toList());
      return null;
    });
    profiles.put(key, Optional.of(user));
  }

  @Override
  public Optional<User> find(String tenantId, String userId) {
    return profiles.get(tenantId + "|" + userId, key -> db.read(sql -> load(sql, tenantId, userId))
        .or(() -> directory.find(tenantId, userId)));
  }

  @Override
  public Map<String, String> resolveMentions(String tenantId, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, String> byLowerCase = new HashMap<>();
    ids.forEach(id -> byLowerCase.put(id.toLowerCase(Locale.ROOT), id));
    Map<String, String> resolved = new HashMap<>();
    List<String> lower = List.copyOf(byLowerCase.keySet());
    db.read(sql -> sql.list("SELECT id FROM inflow_user WHERE tenant_id = ? AND LOWER(id) IN (" + Sql.placeholders(lower) + ")",
        row -> row.string("id"), Sql.params(lower, tenantId))).forEach(id -> {
          String typed = byLowerCase.get(id.toLowerCase(Locale.ROOT));
          if (typed != null) {
            resolved.put(typed, id);
          }
        });
    for (String typed : ids) {
      if (!resolved.containsKey(typed)) {
        directory.find(tenantId, typed).ifPresent(u -> resolved.put(typed, u.id()));
      }
    }
    return resolved;
  }

  private static Optional<User> load(Sql sql, String tenantId, String userId) throws SQLException {
    return sql.one("SELECT id, name, avatar_url, roles, expertise FROM inflow_user WHERE tenant_id = ? AND id = ?",
        UserStore::map, tenantId, userId);
  }

  static User map(Row row) throws SQLException {
    return User.builder(row.string("id"))
        .name(row.string("name"))
        .avatarUrl(row.string("avatar_url"))
        .roles(split(row.string("roles")).stream().map(Role::fromWireName).flatMap(Optional::stream).toList())
        .expertise(split(row.string("expertise")))
        .build();
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }
}
