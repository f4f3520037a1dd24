package dev.inflow.core.question.internal;

import dev.inflow.core.Author;
import dev.inflow.core.internal.db.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** An answer as stored, before it is shaped for a viewer. */
record AnswerRow(
    long id,
    long questionId,
    Author author,
    String body,
    String html,
    String mentions,
    int score,
    boolean accepted,
    Optional<Author> verifiedBy,
    long version,
    Instant createdAt,
    Optional<Instant> editedAt,
    Optional<Instant> deletedAt) {

  /** The columns {@link #map} reads, for {@link #FROM}. */
  static final String COLUMNS = "a.id, a.question_id, a.author_id, u.name AS author_name, u.avatar_url AS author_avatar, a.body, a.html,"
      + " a.mentions, a.score, a.accepted, a.verified_by, v.name AS verifier_name, v.avatar_url AS verifier_avatar, a.version,"
      + " a.created_at, a.edited_at, a.deleted_at";

  static final String FROM = " FROM inflow_answer a"
      + " LEFT JOIN inflow_user u ON u.tenant_id = a.tenant_id AND u.id = a.author_id"
      + " LEFT JOIN inflow_user v ON v.tenant_id = a.tenant_id AND v.id = a.verified_by";

  /** Accepted first, then verified, then by score, then oldest first. */
  static final String ORDER = " ORDER BY a.accepted DESC, CASE WHEN a.verified_by IS NULL THEN 1 ELSE 0 END, a.score DESC, a.created_at, a.id";

  boolean deleted() {
    return deletedAt.isPresent();
  }

  boolean verified() {
    return verifiedBy.isPresent();
  }

  String idString() {
    return Long.toString(id);
  }

  static AnswerRow map(Row row) throws SQLException {
    String authorId = row.string("author_id");
    Optional<String> verifierId = row.optionalString("verified_by");
    return new AnswerRow(
        row.longValue("id"),
        row.longValue("question_id"),
        new Author(authorId, row.optionalString("author_name").orElse(authorId), row.optionalString("author_avatar")),
        row.string("body"),
        row.string("html"),
        row.string("mentions"),
        row.intValue("score"),
        row.bool("accepted"),
        verifierId.isEmpty() ? Optional.empty()
            : Optional.of(new Author(verifierId.get(), row.optionalString("verifier_name").orElse(verifierId.get()),
                row.optionalString("verifier_avatar"))),
        row.longValue("version"),
        row.instant("created_at"),
        row.optionalInstant("edited_at"),
        row.optionalInstant("deleted_at"));
  }
}
