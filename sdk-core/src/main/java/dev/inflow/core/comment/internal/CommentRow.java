package dev.inflow.core.comment.internal;

import dev.inflow.core.Author;
import dev.inflow.core.internal.db.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** A comment as stored, before it is shaped for a viewer. */
record CommentRow(
    long id,
    String targetKey,
    Optional<Long> parentId,
    long rootId,
    int depth,
    String path,
    Author author,
    String body,
    String html,
    String mentions,
    String reactions,
    int score,
    int replyCount,
    int flagCount,
    boolean hidden,
    long version,
    Instant createdAt,
    Optional<Instant> editedAt,
    Optional<Instant> deletedAt,
    Optional<String> deletedBy) {

  /** The columns {@link #map} reads, for {@code FROM inflow_comment c LEFT JOIN inflow_user u}. */
  static final String COLUMNS = "c.id, c.target_key, c.parent_id, c.root_id, c.depth, c.path, c.author_id, u.name AS author_name,"
      + " u.avatar_url AS author_avatar, c.body, c.html, c.mentions, c.reactions, c.score, c.reply_count, c.flag_count,"
      + " c.status, c.version, c.created_at, c.edited_at, c.deleted_at, c.deleted_by";

  static final String FROM = " FROM inflow_comment c LEFT JOIN inflow_user u ON u.tenant_id = c.tenant_id AND u.id = c.author_id";

  boolean deleted() {
    return deletedAt.isPresent();
  }

  String idString() {
    return Long.toString(id);
  }

  static CommentRow map(Row row) throws SQLException {
    String authorId = row.string("author_id");
    return new CommentRow(
        row.longValue("id"),
        row.string("target_key"),
        row.optionalLong("parent_id"),
        row.longValue("root_id"),
        row.intValue("depth"),
        row.string("path"),
        new Author(authorId, row.optionalString("author_name").orElse(authorId), row.optionalString("author_avatar")),
        row.string("body"),
        row.string("html"),
        row.string("mentions"),
        row.string("reactions"),
        row.intValue("score"),
        row.intValue("reply_count"),
        row.intValue("flag_count"),
        "HIDDEN".equals(row.string("status")),
        row.longValue("version"),
        row.instant("created_at"),
        row.optionalInstant("edited_at"),
        row.optionalInstant("deleted_at"),
        row.optionalString("deleted_by"));
  }
}
