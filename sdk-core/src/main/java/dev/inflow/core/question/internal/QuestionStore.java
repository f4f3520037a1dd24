package dev.inflow.core.question.internal;

import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.question.QuestionStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The SQL of questions, their tags, revisions and routings. Every statement is scoped by tenant. */
final class QuestionStore {
  static final String SELECT = "SELECT " + QuestionRow.COLUMNS + QuestionRow.FROM;

  private QuestionStore() {}

  static Optional<QuestionRow> find(Sql sql, String tenant, long id) throws SQLException {
    return sql.one(SELECT + " WHERE q.tenant_id = ? AND q.id = ?", QuestionRow::map, tenant, id);
  }

  /** Locks the question row for the rest of the transaction, then reads it. */
  static Optional<QuestionRow> lock(Sql sql, String tenant, long id) throws SQLException {
    boolean exists = sql.one("SELECT id FROM inflow_question WHERE tenant_id = ? AND id = ? FOR UPDATE", row -> Boolean.TRUE, tenant, id)
        .isPresent();
    return exists ? find(sql, tenant, id) : Optional.empty();
  }

  static List<QuestionRow> findAll(Sql sql, String tenant, Collection<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(tenant);
    return sql.list("SELECT " + QuestionRow.COLUMNS + " FROM " + Sql.valuesTable(ids.size(), "BIGINT", "k", "id")
        + " JOIN inflow_question q ON q.tenant_id = ? AND q.id = k.id" + QuestionRow.AUTHOR_JOIN, QuestionRow::map, params.toArray());
  }

  static void insert(Sql sql, String tenant, long id, String title, String body, String html, String mentions, List<String> tags,
      Optional<String> targetKey, boolean anonymous, String authorId, Instant at) throws SQLException {
    sql.update("INSERT INTO inflow_question (tenant_id, id, title, body, html, mentions, tags, target_key, anonymous, author_id, status,"
        + " answer_count, routing_step, version, search_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, 0, 1, ?, ?)",
        tenant, id, title, body, html, mentions, String.join(",", tags), targetKey, anonymous, authorId, nextSearchSeq(sql), at);
    for (String tag : tags) {
      sql.update("INSERT INTO inflow_question_tag (tenant_id, question_id, tag) VALUES (?, ?, ?)", tenant, id, tag);
    }
  }

  static void replaceTags(Sql sql, String tenant, long id, List<String> tags) throws SQLException {
    sql.update("DELETE FROM inflow_question_tag WHERE tenant_id = ? AND question_id = ?", tenant, id);
    for (String tag : tags) {
      sql.update("INSERT INTO inflow_question_tag (tenant_id, question_id, tag) VALUES (?, ?, ?)", tenant, id, tag);
    }
  }

  static void saveRevision(Sql sql, String tenant, QuestionRow old) throws SQLException {
    sql.update("INSERT INTO inflow_question_revision (tenant_id, question_id, version, title, body, html, tags, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tenant, old.id(), old.version(), old.title(), old.body(), old.html(),
        String.join(",", old.tags()), old.editedAt().orElse(old.createdAt()));
  }

  static void updateText(Sql sql, String tenant, long id, String title, String body, String html, String mentions, List<String> tags,
      Instant at) throws SQLException {
    sql.update("UPDATE inflow_question SET title = ?, body = ?, html = ?, mentions = ?, tags = ?, edited_at = ?, version = version + 1,"
        + " search_seq = ? WHERE tenant_id = ? AND id = ?", title, body, html, mentions, String.join(",", tags), at, nextSearchSeq(sql),
        tenant, id);
  }

  /** Sets status, answer count and accepted answer; the search index sees the status, so its number moves too. */
  static void updateState(Sql sql, String tenant, long id, QuestionStatus status, int answerCount, Optional<Long> acceptedAnswerId)
      throws SQLException {
    sql.update("UPDATE inflow_question SET status = ?, answer_count = ?, accepted_answer_id = ?, search_seq = ? WHERE tenant_id = ? AND id = ?",
        status.name(), answerCount, acceptedAnswerId, nextSearchSeq(sql), tenant, id);
  }

  static void markDeleted(Sql sql, String tenant, long id, String by, Instant at) throws SQLException {
    sql.update("UPDATE inflow_question SET deleted_at = ?, deleted_by = ?, search_seq = ? WHERE tenant_id = ? AND id = ?",
        at, by, nextSearchSeq(sql), tenant, id);
  }

  static long nextSearchSeq(Sql sql) throws SQLException {
    return sql.nextValue("inflow_question_search_seq");
  }

  /** @return the ids routed to, per question, in routing order */
  static Map<Long, List<String>> routedTo(Sql sql, String tenant, Collection<Long> ids) throws SQLException {
    Map<Long, List<String>> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(tenant);
    sql.list("SELECT r.question_id, r.user_id FROM " + Sql.valuesTable(ids.size(), "BIGINT", "k", "id")
        + " JOIN inflow_question_routing r ON r.tenant_id = ? AND r.question_id = k.id ORDER BY r.question_id, r.step, r.routed_at, r.user_id",
        row -> {
          result.computeIfAbsent(row.longValue("question_id"), k -> new ArrayList<>()).add(row.string("user_id"));
          return null;
        }, params.toArray());
    return result;
  }

  static Set<String> routedTo(Sql sql, String tenant, long id) throws SQLException {
    return new LinkedHashSet<>(routedTo(sql, tenant, List.of(id)).getOrDefault(id, List.of()));
  }

  /** @return whether the user was newly recorded (false when the question was routed to them before) */
  static boolean addRouting(Sql sql, String tenant, long questionId, String userId, int step, String reason, Instant at) throws SQLException {
    return sql.insertIfAbsent("INSERT INTO inflow_question_routing (tenant_id, question_id, user_id, step, reason, routed_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", tenant, questionId, userId, step, reason, at);
  }
}
