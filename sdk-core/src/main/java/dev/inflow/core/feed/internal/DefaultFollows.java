package dev.inflow.core.feed.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.User;
import dev.inflow.core.feed.Follow;
import dev.inflow.core.feed.FollowKind;
import dev.inflow.core.feed.Follows;
import dev.inflow.core.feed.Mute;
import dev.inflow.core.internal.Cursors;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.target.internal.TargetKeys;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Follows and mutes in {@code inflow_follow} and {@code inflow_mute}; see {@link Follows} for the contract. */
public final class DefaultFollows implements Follows {
  /** Enough for anyone; bounds the work of one person's follows. */
  static final int MAX_FOLLOWS = 5_000;
  /** How many recent activities of something newly followed appear in the home feed at once. */
  static final int BACKFILL = 50;
  private static final Pattern USER_ID = Pattern.compile("[\\p{L}\\p{N}._@+:-]{1,128}");

  private final Platform platform;
  /**
   * Follow sets per tenant|user for the live channel. Thirty seconds, because follows changed on
   * another node cannot invalidate this node's copy; changes on this node invalidate at once.
   */
  private final Cache<String, FollowSnapshot> snapshots = Caffeine.newBuilder()
      .maximumSize(50_000)
      .expireAfterWrite(Duration.ofSeconds(30))
      .build();

  DefaultFollows(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Follow follow(Caller caller, FollowKind kind, String id) {
    User user = caller.requireUser("follow");
    String followed = followable(caller, kind, id);
    if (kind == FollowKind.USER && followed.equals(user.id())) {
      throw new InvalidInputException("id", "you cannot follow yourself; your own activities are always in your home feed");
    }
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    Instant created = platform.db().transaction(sql -> {
      Optional<Instant> since = sql.one("SELECT created_at FROM inflow_follow WHERE tenant_id = ? AND user_id = ? AND kind = ? AND followed = ?",
          row -> row.instant("created_at"), tenant, user.id(), kind.wireName(), followed);
      if (since.isPresent()) {
        sql.update("UPDATE inflow_follow SET auto = FALSE WHERE tenant_id = ? AND user_id = ? AND kind = ? AND followed = ?",
            tenant, user.id(), kind.wireName(), followed);
        return since.get();
      }
      if (sql.count("SELECT COUNT(*) FROM inflow_follow WHERE tenant_id = ? AND user_id = ?", tenant, user.id()) >= MAX_FOLLOWS) {
        throw new InvalidInputException("id", "you follow " + MAX_FOLLOWS + " things already; unfollow some first");
      }
      Instant now = platform.now();
      insert(sql, tenant, user.id(), kind, followed, false, now);
      return now;
    });
    snapshots.invalidate(tenant + "|" + user.id());
    return new Follow(kind, followed, nameOf(tenant, kind, followed), false, created);
  }

  /**
   * Follows a target for a user because they took part in it (commented, asked, answered), inside
   * that change's transaction. Does nothing when they follow it already, muted it, or follow too
   * much. A followed target needs no backfill: its activities are read with the home feed.
   */
  public void autoFollow(Sql sql, String tenant, String userId, String targetKey) throws SQLException {
    // One statement, as every post and answer runs this: the checks travel with the INSERT.
    String kind = FollowKind.TARGET.wireName();
    if (sql.insertIfAbsent("INSERT INTO inflow_follow (tenant_id, user_id, kind, followed, auto, created_at)"
        + " SELECT ?, ?, ?, ?, TRUE, CAST(? AS TIMESTAMP WITH TIME ZONE)"
        + " WHERE NOT EXISTS (SELECT 1 FROM inflow_follow WHERE tenant_id = ? AND user_id = ? AND kind = ? AND followed = ?)"
        + " AND NOT EXISTS (SELECT 1 FROM inflow_mute WHERE tenant_id = ? AND user_id = ? AND target_key = ?)"
        + " AND (SELECT COUNT(*) FROM inflow_follow WHERE tenant_id = ? AND user_id = ?) < ?",
        tenant, userId, kind, targetKey, platform.now(),
        tenant, userId, kind, targetKey,
        tenant, userId, targetKey,
        tenant, userId, MAX_FOLLOWS)) {
      sql.afterCompletion(() -> snapshots.invalidate(tenant + "|" + userId));
    }
  }

  private static void insert(Sql sql, String tenant, String userId, FollowKind kind, String followed, boolean auto, Instant now) throws SQLException {
    if (sql.insertIfAbsent("INSERT INTO inflow_follow (tenant_id, user_id, kind, followed, auto, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        tenant, userId, kind.wireName(), followed, auto, now)) {
      FanOut.backfill(sql, tenant, userId, kind, followed, BACKFILL);
    }
  }

  @Override
  public void unfollow(Caller caller, FollowKind kind, String id) {
    User user = caller.requireUser("unfollow");
    String followed = normalise(kind, id);
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    platform.db().transaction(sql -> {
      if (sql.update("DELETE FROM inflow_follow WHERE tenant_id = ? AND user_id = ? AND kind = ? AND followed = ?",
          tenant, user.id(), kind.wireName(), followed) > 0) {
        FanOut.retract(sql, tenant, user.id(), kind, followed);
      }
      return null;
    });
    snapshots.invalidate(tenant + "|" + user.id());
  }

  @Override
  public boolean isFollowing(Caller caller, FollowKind kind, String id) {
    if (caller.userId().isEmpty()) {
      return false;
    }
    String followed = normalise(kind, id);
    return platform.db().read(sql -> sql.count("SELECT COUNT(*) FROM inflow_follow WHERE tenant_id = ? AND user_id = ? AND kind = ?"
        + " AND followed = ?", caller.tenantId(), caller.userId().get(), kind.wireName(), followed) > 0);
  }

  @Override
  public Page<Follow> list(Caller caller, Optional<FollowKind> kind, PageRequest page) {
    User user = caller.requireUser("see what you follow");
    List<Object> params = new ArrayList<>(List.of(caller.tenantId(), user.id()));
    StringBuilder where = new StringBuilder();
    kind.ifPresent(k -> {
      where.append(" AND kind = ?");
      params.add(k.wireName());
    });
    if (page.cursor().isPresent()) {
      List<String> parts = Cursors.decode(page.cursor().get(), "f", 3);
      Instant at = parseInstant(parts.get(0));
      where.append(" AND (created_at < ? OR (created_at = ? AND (kind > ? OR (kind = ? AND followed > ?))))");
      params.addAll(List.of(at, at, parts.get(1), parts.get(1), parts.get(2)));
    }
    params.add(page.limit() + 1);
    List<Follow> rows = platform.db().read(sql -> sql.list("SELECT kind, followed, auto, created_at FROM inflow_follow"
        + " WHERE tenant_id = ? AND user_id = ?" + where + " ORDER BY created_at DESC, kind, followed LIMIT ?",
        row -> new Follow(FollowKind.parse(row.string("kind")), row.string("followed"), row.string("followed"), row.bool("auto"),
            row.instant("created_at")), params.toArray()));
    boolean more = rows.size() > page.limit();
    List<Follow> items = (more ? rows.subList(0, page.limit()) : rows).stream()
        .map(f -> new Follow(f.kind(), f.id(), nameOf(caller.tenantId(), f.kind(), f.id()), f.auto(), f.createdAt())).toList();
    Optional<String> next = more ? Optional.of(Cursors.encode("f", items.get(items.size() - 1).createdAt(),
        items.get(items.size() - 1).kind().wireName(), items.get(items.size() - 1).id())) : Optional.empty();
    return new Page<>(items, next);
  }

  @Override
  public Mute mute(Caller caller, String targetKey) {
    User user = caller.requireUser("mute");
    TargetKeys.requireValid("targetKey", targetKey);
    platform.requireReadable(caller, targetKey, "target " + targetKey);
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    Instant since = platform.db().transaction(sql -> {
      Instant now = platform.now();
      sql.insertIfAbsent("INSERT INTO inflow_mute (tenant_id, user_id, target_key, created_at) VALUES (?, ?, ?, ?)",
          tenant, user.id(), targetKey, now);
      return sql.one("SELECT created_at FROM inflow_mute WHERE tenant_id = ? AND user_id = ? AND target_key = ?",
          row -> row.instant("created_at"), tenant, user.id(), targetKey).orElse(now);
    });
    snapshots.invalidate(tenant + "|" + user.id());
    return new Mute(targetKey, platform.targets().resolve(tenant, targetKey).title(), since);
  }

  @Override
  public void unmute(Caller caller, String targetKey) {
    User user = caller.requireUser("unmute");
    TargetKeys.requireValid("targetKey", targetKey);
    platform.rateLimiter().acquireWrite(caller);
    platform.db().transaction(sql -> sql.update("DELETE FROM inflow_mute WHERE tenant_id = ? AND user_id = ? AND target_key = ?",
        caller.tenantId(), user.id(), targetKey));
    snapshots.invalidate(caller.tenantId() + "|" + user.id());
  }

  @Override
  public boolean isMuted(Caller caller, String targetKey) {
    if (caller.userId().isEmpty()) {
      return false;
    }
    TargetKeys.requireValid("targetKey", targetKey);
    return platform.db().read(sql -> muted(sql, caller.tenantId(), caller.userId().get(), targetKey));
  }

  @Override
  public Page<Mute> mutes(Caller caller, PageRequest page) {
    User user = caller.requireUser("see what you muted");
    List<Object> params = new ArrayList<>(List.of(caller.tenantId(), user.id()));
    String keyset = "";
    if (page.cursor().isPresent()) {
      List<String> parts = Cursors.decode(page.cursor().get(), "m", 2);
      Instant at = parseInstant(parts.get(0));
      keyset = " AND (created_at < ? OR (created_at = ? AND target_key > ?))";
      params.addAll(List.of(at, at, parts.get(1)));
    }
    params.add(page.limit() + 1);
    String where = keyset;
    List<Mute> rows = platform.db().read(sql -> sql.list("SELECT target_key, created_at FROM inflow_mute WHERE tenant_id = ? AND user_id = ?"
        + where + " ORDER BY created_at DESC, target_key LIMIT ?",
        row -> new Mute(row.string("target_key"), row.string("target_key"), row.instant("created_at")), params.toArray()));
    boolean more = rows.size() > page.limit();
    List<Mute> items = (more ? rows.subList(0, page.limit()) : rows).stream()
        .map(m -> new Mute(m.targetKey(), platform.targets().resolve(caller.tenantId(), m.targetKey()).title(), m.createdAt())).toList();
    Optional<String> next = more ? Optional.of(Cursors.encode("m", items.get(items.size() - 1).createdAt(),
        items.get(items.size() - 1).targetKey())) : Optional.empty();
    return new Page<>(items, next);
  }

  /** @return what the user follows and mutes, from a cache refreshed every 30 seconds */
  public FollowSnapshot snapshot(String tenant, String userId) {
    return snapshots.get(tenant + "|" + userId, k -> platform.db().read(sql -> {
      Set<String> users = new HashSet<>();
      Set<String> topics = new HashSet<>();
      Set<String> targets = new HashSet<>();
      sql.list("SELECT kind, followed FROM inflow_follow WHERE tenant_id = ? AND user_id = ?", row -> {
        switch (FollowKind.parse(row.string("kind"))) {
          case USER -> users.add(row.string("followed"));
          case TOPIC -> topics.add(row.string("followed"));
          case TARGET -> targets.add(row.string("followed"));
        }
        return null;
      }, tenant, userId);
      Set<String> muted = new HashSet<>(sql.list("SELECT target_key FROM inflow_mute WHERE tenant_id = ? AND user_id = ?",
          row -> row.string("target_key"), tenant, userId));
      return new FollowSnapshot(userId, users, topics, targets, muted);
    }));
  }

  private static boolean muted(Sql sql, String tenant, String userId, String targetKey) throws SQLException {
    return sql.count("SELECT COUNT(*) FROM inflow_mute WHERE tenant_id = ? AND user_id = ? AND target_key = ?", tenant, userId, targetKey) > 0;
  }

  /** Checks the id for its kind and, for targets, that the caller may read it. */
  private String followable(Caller caller, FollowKind kind, String id) {
    String followed = normalise(kind, id);
    if (kind == FollowKind.TARGET) {
      platform.requireReadable(caller, followed, "target " + followed);
    }
    return followed;
  }

  /** @return the id in the form it is stored in */
  static String normalise(FollowKind kind, String id) {
    return switch (kind) {
      case USER -> {
        if (id == null || !USER_ID.matcher(id).matches()) {
          throw new InvalidInputException("id", "a user id is 1 to 128 letters, digits or ._@+:-");
        }
        yield id;
      }
      case TOPIC -> Tags.requireValid("id", id);
      case TARGET -> TargetKeys.requireValid("id", id);
    };
  }

  private String nameOf(String tenant, FollowKind kind, String id) {
    return switch (kind) {
      case USER -> platform.users().find(tenant, id).map(User::name).orElse(id);
      case TOPIC -> id;
      case TARGET -> platform.targets().resolve(tenant, id).title();
    };
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException("cursor", "this cursor is damaged; start again from the first page");
    }
  }
}
