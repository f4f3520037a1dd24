package dev.inflow.core.comment.internal;

import dev.inflow.core.Author;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.comment.FlagReason;
import dev.inflow.core.comment.Reaction;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The SQL of comments, in one place. Every statement is scoped by tenant. */
final class CommentStore {
  private static final String SELECT = "SELECT " + CommentRow.COLUMNS + CommentRow.FROM;

  /**
   * Keeps a listed comment unless nobody should see it: deleted without replies, or hidden without
   * replies (except for its author and moderators, bound as the two parameters).
   */
  private static final String SHOWN = " AND (c.deleted_at IS NULL OR c.reply_count > 0)"
      + " AND (c.status = 'VISIBLE' OR c.reply_count > 0 OR c.author_id = ? OR ? = 1)";

  private CommentStore() {}

  static String pathSegment(long id) {
    return String.format("%012d", id);
  }

  static Optional<CommentRow> find(Sql sql, String tenantId, long id) throws SQLException {
    return sql.one(SELECT + " WHERE c.tenant_id = ? AND c.id = ?", CommentRow::map, tenantId, id);
  }

  /** Locks the comment row for the rest of the transaction, then reads it. */
  static Optional<CommentRow> lock(Sql sql, String tenantId, long id) throws SQLException {
    boolean exists = sql.one("SELECT id FROM inflow_comment WHERE tenant_id = ? AND id = ? FOR UPDATE",
        row -> Boolean.TRUE, tenantId, id).isPresent();
    return exists ? find(sql, tenantId, id) : Optional.empty();
  }

  /** Top-level comments of a target after the keyset position, at most {@code limit}. */
  static List<CommentRow> roots(Sql sql, String tenantId, String targetKey, CommentSort sort, Optional<long[]> after,
      int limit, String viewerId, boolean moderator) throws SQLException {
    // viewerId is null for anonymous readers and shared pages
    List<Object> params = new ArrayList<>(Arrays.asList(tenantId, targetKey, viewerId, moderator ? 1 : 0));
    String keyset = "";
    String order;
    switch (sort) {
      case OLDEST -> {
        order = " ORDER BY c.id";
        if (after.isPresent()) {
          keyset = " AND c.id > ?";
          params.add(after.get()[0]);
        }
      }
      case NEWEST -> {
        order = " ORDER BY c.id DESC";
        if (after.isPresent()) {
          keyset = " AND c.id < ?";
          params.add(after.get()[0]);
        }
      }
      default -> {
        order = " ORDER BY c.score DESC, c.id DESC";
        if (after.isPresent()) {
          keyset = " AND (c.score < ? OR (c.score = ? AND c.id < ?))";
          params.add(after.get()[0]);
          params.add(after.get()[0]);
          params.add(after.get()[1]);
        }
      }
    }
    params.add(limit);
    return sql.list(SELECT + " WHERE c.tenant_id = ? AND c.target_key = ? AND c.depth = 0" + SHOWN + keyset + order + " LIMIT ?",
        CommentRow::map, params.toArray());
  }

  /** The first {@code perThread} shown replies of each thread, in thread order. */
  static List<CommentRow> threads(Sql sql, String tenantId, List<Long> rootIds, int perThread, String viewerId, boolean moderator)
      throws SQLException {
    if (rootIds.isEmpty()) {
      return List.of();
    }
    String inner = "SELECT " + CommentRow.COLUMNS + ", ROW_NUMBER() OVER (PARTITION BY c.root_id ORDER BY c.path) AS rn"
        + " FROM " + Sql.valuesTable(rootIds.size(), "BIGINT", "r", "id")
        + " JOIN inflow_comment c ON c.tenant_id = ? AND c.root_id = r.id"
        + " LEFT JOIN inflow_user u ON u.tenant_id = c.tenant_id AND u.id = c.author_id"
        + " WHERE c.depth > 0" + SHOWN;
    List<Object> params = new ArrayList<>(rootIds);
    params.add(tenantId);
    params.add(viewerId);
    params.add(moderator ? 1 : 0);
    params.add(perThread);
    return sql.list("SELECT * FROM (" + inner + ") t WHERE t.rn <= ? ORDER BY t.root_id, t.path", CommentRow::map, params.toArray());
  }

  /** Shown replies under a comment at any depth, after a path, in thread order. */
  static List<CommentRow> descendants(Sql sql, String tenantId, CommentRow ancestor, String afterPath, int limit, String viewerId,
      boolean moderator) throws SQLException {
    return sql.list(SELECT + " WHERE c.tenant_id = ? AND c.root_id = ? AND c.path LIKE ? AND c.path > ?" + SHOWN
        + " ORDER BY c.path LIMIT ?", CommentRow::map,
        tenantId, ancestor.rootId(), ancestor.path() + ".%", afterPath, viewerId, moderator ? 1 : 0, limit);
  }

  static Map<Long, List<String>> reactionsOf(Sql sql, String tenantId, String userId, List<Long> ids) throws SQLException {
    Map<Long, List<String>> mine = new HashMap<>();
    if (ids.isEmpty()) {
      return mine;
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(tenantId);
    params.add(userId);
    sql.list("SELECT x.comment_id, x.reaction FROM " + Sql.valuesTable(ids.size(), "BIGINT", "v", "id")
        + " JOIN inflow_comment_reaction x ON x.tenant_id = ? AND x.comment_id = v.id AND x.user_id = ?", row -> {
          mine.computeIfAbsent(row.longValue("comment_id"), k -> new ArrayList<>()).add(Reaction.parse(row.string("reaction")).emoji());
          return null;
        }, params.toArray());
    return mine;
  }

  /** @return who reacted to any of the comments */
  static Set<String> reactors(Sql sql, String tenantId, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return Set.of();
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(tenantId);
    return new HashSet<>(sql.list("SELECT DISTINCT x.user_id FROM " + Sql.valuesTable(ids.size(), "BIGINT", "v", "id")
        + " JOIN inflow_comment_reaction x ON x.tenant_id = ? AND x.comment_id = v.id", row -> row.string("user_id"), params.toArray()));
  }

  /**
   * @return the authors of the target's hidden comments, which only they and moderators see in full.
   *     Hidden comments are flagged ones, so the flag index finds them without reading the target.
   */
  static List<String> hiddenAuthors(Sql sql, String tenantId, String targetKey) throws SQLException {
    return sql.list("SELECT DISTINCT c.author_id FROM inflow_comment c WHERE c.tenant_id = ? AND c.flag_count > 0"
        + " AND c.status = 'HIDDEN' AND c.target_key = ?", row -> row.string("author_id"), tenantId, targetKey);
  }

  /**
   * Inserts a new comment, drawing its id from the sequence in the same statement: the id is also
   * the root of a comment that replies to none, and the last segment of its path (as {@link
   * #pathSegment}; ids stay below 10<sup>12</sup>, the padding's width).
   *
   * @return the new comment, as the statement stored it
   */
  static CommentRow insert(Sql sql, String tenantId, String targetKey, Optional<CommentRow> parent, Author author, String body, String html,
      String mentions, Instant createdAt) throws SQLException {
    Optional<Long> parentId = parent.map(CommentRow::id);
    int depth = parent.map(p -> p.depth() + 1).orElse(0);
    String pathPrefix = parent.map(p -> p.path() + ".").orElse("");
    long id = sql.insert("INSERT INTO inflow_comment (tenant_id, id, target_key, parent_id, root_id, depth, path, author_id, body, html,"
        + " mentions, reactions, score, reply_count, flag_count, status, version, created_at)"
        + " SELECT ?, n.id, ?, CAST(? AS BIGINT), COALESCE(CAST(? AS BIGINT), n.id), ?, ? || LPAD(CAST(n.id AS VARCHAR), 12, '0'), ?, ?, ?,"
        + " ?, '', 0, 0, 0, 'VISIBLE', 1, CAST(? AS TIMESTAMP WITH TIME ZONE)"
        + " FROM (SELECT " + sql.dialect().nextValue("inflow_comment_seq") + " AS id) n", "id",
        tenantId, targetKey, parentId, parent.map(CommentRow::rootId), depth, pathPrefix, author.id(), body, html, mentions, createdAt);
    return new CommentRow(id, targetKey, parentId, parent.map(CommentRow::rootId).orElse(id), depth, pathPrefix + pathSegment(id),
        author, body, html, mentions, "", 0, 0, 0, false, 1, createdAt, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static void addReply(Sql sql, String tenantId, long parentId) throws SQLException {
    sql.update("UPDATE inflow_comment SET reply_count = reply_count + 1 WHERE tenant_id = ? AND id = ?", tenantId, parentId);
  }

  /**
   * A comment stopped being shown: its parent has one reply less, and a deleted parent left with
   * none stops being shown too, up the thread.
   */
  static void withdrawFromParent(Sql sql, String tenantId, Optional<Long> parentId) throws SQLException {
    Optional<Long> current = parentId;
    while (current.isPresent()) {
      Optional<CommentRow> parent = lock(sql, tenantId, current.get());
      if (parent.isEmpty()) {
        return;
      }
      sql.update("UPDATE inflow_comment SET reply_count = reply_count - 1 WHERE tenant_id = ? AND id = ? AND reply_count > 0",
          tenantId, current.get());
      boolean stillShown = !parent.get().deleted() || parent.get().replyCount() - 1 > 0;
      current = stillShown ? Optional.empty() : parent.get().parentId();
    }
  }

  static void saveRevision(Sql sql, String tenantId, CommentRow old) throws SQLException {
    sql.update("INSERT INTO inflow_comment_revision (tenant_id, comment_id, version, body, html, editor_id, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", tenantId, old.id(), old.version(), old.body(), old.html(), old.author().id(),
        old.editedAt().orElse(old.createdAt()));
  }

  static void updateText(Sql sql, String tenantId, long id, String body, String html, String mentions, Instant at) throws SQLException {
    sql.update("UPDATE inflow_comment SET body = ?, html = ?, mentions = ?, edited_at = ?, version = version + 1"
        + " WHERE tenant_id = ? AND id = ?", body, html, mentions, at, tenantId, id);
  }

  static void markDeleted(Sql sql, String tenantId, long id, String by, Instant at) throws SQLException {
    sql.update("UPDATE inflow_comment SET deleted_at = ?, deleted_by = ? WHERE tenant_id = ? AND id = ?", at, by, tenantId, id);
  }

  /** Recounts reactions of a comment into its summary and score. */
  static void refreshReactions(Sql sql, String tenantId, long id) throws SQLException {
    Map<Reaction, Integer> counts = new EnumMap<>(Reaction.class);
    sql.list("SELECT reaction, COUNT(*) AS n FROM inflow_comment_reaction WHERE tenant_id = ? AND comment_id = ? GROUP BY reaction",
        row -> counts.put(Reaction.parse(row.string("reaction")), row.intValue("n")), tenantId, id);
    int score = counts.entrySet().stream().mapToInt(e -> e.getKey().score() * e.getValue()).sum();
    sql.update("UPDATE inflow_comment SET reactions = ?, score = ? WHERE tenant_id = ? AND id = ?",
        CommentView.encodeReactions(counts), score, tenantId, id);
  }

  static boolean addFlag(Sql sql, String tenantId, long id, String userId, FlagReason reason, Optional<String> note, Instant at)
      throws SQLException {
    return sql.insertIfAbsent("INSERT INTO inflow_comment_flag (tenant_id, comment_id, user_id, reason, note, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", tenantId, id, userId, reason.wireName(), note, at);
  }

  static void resolveFlags(Sql sql, String tenantId, long id, String resolution, Instant at) throws SQLException {
    sql.update("UPDATE inflow_comment_flag SET resolved_at = ?, resolution = ? WHERE tenant_id = ? AND comment_id = ? AND resolved_at IS NULL",
        at, resolution, tenantId, id);
    sql.update("UPDATE inflow_comment SET flag_count = 0, status = 'VISIBLE' WHERE tenant_id = ? AND id = ?", tenantId, id);
  }
}
