package dev.inflow.core.question.internal;

import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of answers, votes and answer revisions. Every statement is scoped by tenant. */
final class AnswerStore {
  static final String SELECT = "SELECT " + AnswerRow.COLUMNS + AnswerRow.FROM;

  private AnswerStore() {}

  static Optional<AnswerRow> find(Sql sql, String tenant, long id) throws SQLException {
    return sql.one(SELECT + " WHERE a.tenant_id = ? AND a.id = ?", AnswerRow::map, tenant, id);
  }

  static Optional<AnswerRow> lock(Sql sql, String tenant, long id) throws SQLException {
    boolean exists = sql.one("SELECT id FROM inflow_answer WHERE tenant_id = ? AND id = ? FOR UPDATE", row -> Boolean.TRUE, tenant, id)
        .isPresent();
    return exists ? find(sql, tenant, id) : Optional.empty();
  }

  /** @return the question's answers not deleted, in display order */
  static List<AnswerRow> ofQuestion(Sql sql, String tenant, long questionId) throws SQLException {
    return sql.list(SELECT + " WHERE a.tenant_id = ? AND a.question_id = ? AND a.deleted_at IS NULL" + AnswerRow.ORDER, AnswerRow::map,
        tenant, questionId);
  }

  static int liveCount(Sql sql, String tenant, long questionId) throws SQLException {
    return (int) sql.count("SELECT COUNT(*) FROM inflow_answer WHERE tenant_id = ? AND question_id = ? AND deleted_at IS NULL",
        tenant, questionId);
  }

  static void insert(Sql sql, String tenant, long id, long questionId, String authorId, String body, String html, String mentions, Instant at)
      throws SQLException {
    sql.update("INSERT INTO inflow_answer (tenant_id, id, question_id, author_id, body, html, mentions, score, up_votes, accepted, version,"
        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, FALSE, 1, ?)", tenant, id, questionId, authorId, body, html, mentions, at);
  }

  static void saveRevision(Sql sql, String tenant, AnswerRow old) throws SQLException {
    sql.update("INSERT INTO inflow_answer_revision (tenant_id, answer_id, version, body, html, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        tenant, old.id(), old.version(), old.body(), old.html(), old.editedAt().orElse(old.createdAt()));
  }

  static void updateText(Sql sql, String tenant, long id, String body, String html, String mentions, Instant at) throws SQLException {
    sql.update("UPDATE inflow_answer SET body = ?, html = ?, mentions = ?, edited_at = ?, version = version + 1 WHERE tenant_id = ? AND id = ?",
        body, html, mentions, at, tenant, id);
  }

  /** @return the viewer's vote per answer (+1 or -1) */
  static Map<Long, Integer> votesOf(Sql sql, String tenant, String userId, Collection<Long> answerIds) throws SQLException {
    Map<Long, Integer> votes = new HashMap<>();
    if (answerIds.isEmpty()) {
      return votes;
    }
    List<Object> params = new ArrayList<>(answerIds);
    params.add(tenant);
    params.add(userId);
    sql.list("SELECT v.answer_id, v.vote FROM " + Sql.valuesTable(answerIds.size(), "BIGINT", "k", "id")
        + " JOIN inflow_answer_vote v ON v.tenant_id = ? AND v.answer_id = k.id AND v.user_id = ?",
        row -> votes.put(row.longValue("answer_id"), row.intValue("vote")), params.toArray());
    return votes;
  }

  static Optional<Integer> voteOf(Sql sql, String tenant, long answerId, String userId) throws SQLException {
    return sql.one("SELECT vote FROM inflow_answer_vote WHERE tenant_id = ? AND answer_id = ? AND user_id = ?",
        row -> row.intValue("vote"), tenant, answerId, userId);
  }

  /** Recounts the votes of an answer into its score and up-vote count. */
  static void refreshScore(Sql sql, String tenant, long answerId) throws SQLException {
    sql.update("UPDATE inflow_answer SET score = (SELECT COALESCE(SUM(vote), 0) FROM inflow_answer_vote v WHERE v.tenant_id = ? AND v.answer_id = ?),"
        + " up_votes = (SELECT COUNT(*) FROM inflow_answer_vote v WHERE v.tenant_id = ? AND v.answer_id = ? AND v.vote > 0)"
        + " WHERE tenant_id = ? AND id = ?", tenant, answerId, tenant, answerId, tenant, answerId);
  }
}
