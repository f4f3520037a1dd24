package dev.inflow.core.question.internal;

import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * Similar questions with PostgreSQL full-text search: the generated {@code search} column (title
 * weight A, tags B, body C, english stemming) under a GIN index. What people type is parsed with
 * {@code websearch_to_tsquery} and its terms are joined with OR rather than AND, since a
 * paraphrase rarely repeats every word of the original; {@code ts_rank_cd} then favours questions
 * matching more terms, closer together, in the title (title 1.0, tags 0.5, body 0.4). Each tag in
 * common multiplies the rank by 1 + {@value #TAG_BONUS} (a factor, not a sum, because ranks of short
 * and long questions differ in scale).
 */
final class PostgresSimilarSearch implements SimilarSearch {
  static final double TAG_BONUS = 0.35;
  /**
   * Weights of D, C (body), B (tags) and A (title) matches. A body match counts 0.4 of a title
   * match: lower and paraphrases whose words only appear in the original's body drop out of the
   * first five, higher and long bodies outrank short, exact titles (measured on the labelled set).
   */
  static final String WEIGHTS = "{0.05,0.4,0.5,1.0}";
  private final Database db;

  PostgresSimilarSearch(Database db) {
    this.db = db;
  }

  @Override
  public List<Hit> search(String tenant, String text, List<String> tags, int limit) {
    String tagBonus = tags.isEmpty() ? "0"
        : "(SELECT COUNT(*) FROM inflow_question_tag t WHERE t.tenant_id = q.tenant_id AND t.question_id = q.id AND t.tag IN ("
            + Sql.placeholders(tags) + "))";
    // bound in the order the placeholders appear: the tag list (in the rank), the text, the tenant
    List<Object> params = new ArrayList<>(tags);
    params.add(text);
    params.add(tenant);
    params.add(limit);
    return db.read(sql -> sql.list("SELECT q.id, ts_rank_cd('" + WEIGHTS + "', q.search, x.query, 1) * (1 + " + TAG_BONUS + " * " + tagBonus + ") AS rank"
        + " FROM inflow_question q,"
        + " (SELECT replace(websearch_to_tsquery('english', ?)::text, ' & ', ' | ')::tsquery AS query) x"
        + " WHERE q.tenant_id = ? AND q.deleted_at IS NULL AND q.search @@ x.query"
        + " ORDER BY rank DESC, q.id DESC LIMIT ?", row -> new Hit(row.longValue("id"), row.doubleValue("rank")), params.toArray()));
  }

  @Override
  public void changed(String tenant, long questionId) {
    // the generated column and its index change with the row itself
  }

  @Override
  public void close() {
    // nothing held
  }
}
