package dev.inflow.core.feed.internal;

import dev.inflow.core.internal.db.Dialect;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The SQL of activities, in one place. Every statement is scoped by tenant; lists are newest first by id. */
final class ActivityStore {
  private static final String SELECT = "SELECT " + ActivityRow.COLUMNS + " FROM inflow_activity a";

  /*
   * Feeds order by every column of the index they read, although the leading ones are fixed by the
   * WHERE clause: H2 only reads an index backwards (and stops after LIMIT rows) when ORDER BY names
   * all its columns; otherwise it sorts every row of the reader's feed first.
   */

  private ActivityStore() {}

  /** @return the new activity's id, drawn from its sequence by the INSERT itself */
  static long insert(Sql sql, String tenant, ActivityDraft d, Instant published) throws SQLException {
    long id = sql.insert("INSERT INTO inflow_activity (tenant_id, id, actor_id, actor_name, verb, object_id, object_type, object_name, object_url,"
        + " target_key, access_key, group_key, tags, withdrawn, published) VALUES (?, " + sql.dialect().nextValue("inflow_activity_seq")
        + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)", "id",
        tenant, d.actor().map(a -> a.id()), d.actor().map(a -> a.name()), d.verb(), d.objectId(), d.objectType(), d.objectName(), d.objectUrl(), d.targetKey(),
        d.accessKey(), d.groupKey(), String.join(",", d.tags()), published);
    for (String tag : d.tags()) {
      sql.update("INSERT INTO inflow_activity_tag (tenant_id, tag, activity_id) VALUES (?, ?, ?)", tenant, tag, id);
    }
    return id;
  }

  static Optional<ActivityRow> find(Sql sql, String tenant, long id) throws SQLException {
    return sql.one(SELECT + " WHERE a.tenant_id = ? AND a.id = ? AND a.withdrawn = FALSE", ActivityRow::map, tenant, id);
  }

  /** @return whether the actor already did this to the object (e.g. liked a comment) */
  static boolean exists(Sql sql, String tenant, String objectId, String actorId, String verb) throws SQLException {
    return sql.count("SELECT COUNT(*) FROM inflow_activity WHERE tenant_id = ? AND object_id = ? AND actor_id = ? AND verb = ?",
        tenant, objectId, actorId, verb) > 0;
  }

  /**
   * The reader's feed entries (what was fanned out to them on write), muted targets included: the
   * reader leaves them out (see {@link #muted}). {@link HomeFeed} merges them with the followed targets.
   */
  static List<ActivityRow> home(Sql sql, String tenant, String userId, long before, int limit) throws SQLException {
    return sql.list("SELECT " + ActivityRow.COLUMNS + " FROM inflow_feed_entry e"
        + " JOIN inflow_activity a ON a.tenant_id = e.tenant_id AND a.id = e.activity_id"
        + " WHERE e.tenant_id = ? AND e.user_id = ? AND e.activity_id < ? AND a.withdrawn = FALSE"
        + " ORDER BY e.tenant_id DESC, e.user_id DESC, e.activity_id DESC LIMIT ?", ActivityRow::map, tenant, userId, before, limit);
  }

  /** One target's newest ids in a range: an index range scan of inflow_activity_target, newest first, with LIMIT. */
  private static final String NEWEST_ON_TARGET = "SELECT a.id FROM inflow_activity a WHERE a.tenant_id = ? AND a.target_key = ?"
      + " AND a.id < ? AND a.id > ? AND a.withdrawn = FALSE ORDER BY a.tenant_id DESC, a.target_key DESC, a.id DESC LIMIT ?";

  /**
   * The newest ids below {@code before} and above {@code floor} on each of the targets, at most
   * {@code limit} per target, each an index range scan with LIMIT. The caller merges them; the
   * result is in no particular order.
   */
  static List<Long> newestOnTargets(Sql sql, String tenant, List<String> targets, long before, long floor, int limit) throws SQLException {
    if (sql.dialect() == Dialect.H2) {
      // Embedded H2 has no round trip to save, but plans every branch of a UNION on each run (about
      // 0.1 ms each); one statement text per target is planned once per connection and reused.
      List<Long> ids = new ArrayList<>();
      for (String target : targets) {
        ids.addAll(sql.list(NEWEST_ON_TARGET, row -> row.longValue("id"), tenant, target, before, floor, limit));
      }
      return ids;
    }
    // PostgreSQL: one round trip for the chunk; each branch is the same index range scan.
    StringBuilder query = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (String target : targets) {
      if (query.length() > 0) {
        query.append(" UNION ALL ");
      }
      query.append('(').append(NEWEST_ON_TARGET).append(')');
      params.addAll(List.of(tenant, target, before, floor, limit));
    }
    return sql.list(query.toString(), row -> row.longValue("id"), params.toArray());
  }

  /**
   * @return the activities with these ids that are not withdrawn, in no particular order; looked up
   *     through {@link Sql#valuesTable}, because H2 answers {@code id IN (...)} by scanning the
   *     tenant's activities (a profile of benchmarks/feed.sh: 28% of CPU)
   */
  static List<ActivityRow> byIds(Sql sql, String tenant, Collection<Long> ids) throws SQLException {
    return sql.list("SELECT " + ActivityRow.COLUMNS + " FROM " + Sql.valuesTable(ids.size(), "BIGINT", "k", "id")
        + " JOIN inflow_activity a ON a.tenant_id = ? AND a.id = k.id WHERE a.withdrawn = FALSE",
        ActivityRow::map, Sql.params(List.of(tenant), ids.toArray()));
  }

  /** @return the targets the user follows and has not muted: the home feed reads their activities at request time */
  static List<String> followedTargets(Sql sql, String tenant, String userId) throws SQLException {
    return sql.list("SELECT f.followed FROM inflow_follow f WHERE f.tenant_id = ? AND f.user_id = ? AND f.kind = 'target'"
        + " AND NOT EXISTS (SELECT 1 FROM inflow_mute m WHERE m.tenant_id = f.tenant_id AND m.user_id = f.user_id AND m.target_key = f.followed)",
        row -> row.string("followed"), tenant, userId);
  }

  static List<ActivityRow> target(Sql sql, String tenant, String targetKey, long before, int limit) throws SQLException {
    return sql.list(SELECT + " WHERE a.tenant_id = ? AND a.target_key = ? AND a.id < ? AND a.withdrawn = FALSE"
        + " ORDER BY a.tenant_id DESC, a.target_key DESC, a.id DESC LIMIT ?",
        ActivityRow::map, tenant, targetKey, before, limit);
  }

  static List<ActivityRow> topic(Sql sql, String tenant, String tag, long before, int limit) throws SQLException {
    return sql.list("SELECT " + ActivityRow.COLUMNS + " FROM inflow_activity_tag t"
        + " JOIN inflow_activity a ON a.tenant_id = t.tenant_id AND a.id = t.activity_id"
        + " WHERE t.tenant_id = ? AND t.tag = ? AND t.activity_id < ? AND a.withdrawn = FALSE"
        + " ORDER BY t.tenant_id DESC, t.tag DESC, t.activity_id DESC LIMIT ?",
        ActivityRow::map, tenant, tag, before, limit);
  }

  static List<ActivityRow> user(Sql sql, String tenant, String userId, long before, int limit) throws SQLException {
    return sql.list(SELECT + " WHERE a.tenant_id = ? AND a.actor_id = ? AND a.id < ? AND a.withdrawn = FALSE"
        + " ORDER BY a.tenant_id DESC, a.actor_id DESC, a.id DESC LIMIT ?",
        ActivityRow::map, tenant, userId, before, limit);
  }

  /**
   * @return the targets the user muted. Read once per page and applied in memory, which is cheaper
   *     than probing the mutes for every row of the page, and muting acts on what is already there.
   */
  static java.util.Set<String> muted(Sql sql, String tenant, String userId) throws SQLException {
    return java.util.Set.copyOf(sql.list("SELECT target_key FROM inflow_mute WHERE tenant_id = ? AND user_id = ?",
        row -> row.string("target_key"), tenant, userId));
  }

  /** Hides (or shows again) the activities about an object, e.g. a comment that was deleted. */
  static int setWithdrawn(Sql sql, String tenant, String objectId, boolean withdrawn) throws SQLException {
    return sql.update("UPDATE inflow_activity SET withdrawn = ? WHERE tenant_id = ? AND object_id = ?", withdrawn, tenant, objectId);
  }

  /** Renames the object of activities, e.g. after a comment's text was edited. */
  static int rename(Sql sql, String tenant, String objectId, String name) throws SQLException {
    return sql.update("UPDATE inflow_activity SET object_name = ? WHERE tenant_id = ? AND object_id = ?", name, tenant, objectId);
  }
}
