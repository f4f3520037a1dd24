package dev.inflow.core.question.internal;

import dev.inflow.core.Author;
import dev.inflow.core.internal.db.Row;
import dev.inflow.core.question.QuestionStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A question as stored, before it is shaped for a viewer. */
record QuestionRow(
    long id,
    String title,
    String body,
    String html,
    String mentions,
    List<String> tags,
    Optional<String> targetKey,
    boolean anonymous,
    Author author,
    QuestionStatus status,
    int answerCount,
    Optional<Long> acceptedAnswerId,
    Optional<Long> duplicateOf,
    int routingStep,
    Optional<Instant> escalatedAt,
    Optional<Instant> firstAnswerAt,
    long version,
    long searchSeq,
    Instant createdAt,
    Optional<Instant> editedAt,
    Optional<Instant> deletedAt) {

  /** The columns {@link #map} reads, for {@code FROM inflow_question q LEFT JOIN inflow_user u}. */
  static final String COLUMNS = "q.id, q.title, q.body, q.html, q.mentions, q.tags, q.target_key, q.anonymous, q.author_id,"
      + " u.name AS author_name, u.avatar_url AS author_avatar, q.status, q.answer_count, q.accepted_answer_id, q.duplicate_of,"
      + " q.routing_step, q.escalated_at, q.first_answer_at, q.version, q.search_seq, q.created_at, q.edited_at, q.deleted_at";

  /** The author's profile, for {@link #COLUMNS}; appended to any {@code FROM} that names the question {@code q}. */
  static final String AUTHOR_JOIN = " LEFT JOIN inflow_user u ON u.tenant_id = q.tenant_id AND u.id = q.author_id";

  static final String FROM = " FROM inflow_question q" + AUTHOR_JOIN;

  boolean deleted() {
    return deletedAt.isPresent();
  }

  String idString() {
    return Long.toString(id);
  }

  /** @return the owned target key of the question, for comments and access checks */
  String key() {
    return QuestionAccess.questionKey(id);
  }

  static QuestionRow map(Row row) throws SQLException {
    String authorId = row.string("author_id");
    return new QuestionRow(
        row.longValue("id"),
        row.string("title"),
        row.string("body"),
        row.string("html"),
        row.string("mentions"),
        splitTags(row.string("tags")),
        row.optionalString("target_key"),
        row.bool("anonymous"),
        new Author(authorId, row.optionalString("author_name").orElse(authorId), row.optionalString("author_avatar")),
        QuestionStatus.valueOf(row.string("status")),
        row.intValue("answer_count"),
        row.optionalLong("accepted_answer_id"),
        row.optionalLong("duplicate_of"),
        row.intValue("routing_step"),
        row.optionalInstant("escalated_at"),
        row.optionalInstant("first_answer_at"),
        row.longValue("version"),
        row.longValue("search_seq"),
        row.instant("created_at"),
        row.optionalInstant("edited_at"),
        row.optionalInstant("deleted_at"));
  }

  static List<String> splitTags(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }
}
