package dev.inflow.core.question.internal;

import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Similar questions with PostgreSQL full-text search: the generated {@code search} column (title
 * weight A, tags B, body C, english stemming and stop words) under a GIN index, ranked with
 * {@code ts_rank_cd} (title 1.0, tags 0.5, body 0.4). Each tag in common multiplies the rank by
 * 1 + {@value #TAG_BONUS} (a factor, not a sum, because ranks of short and long questions differ
 * in scale).
 *
 * <p>A paraphrase rarely repeats every word of the original, so matching is by any word, not all.
 * But ranking is not index-assisted: an any-word match of common words can be a large share of the
 * table, and every row of it would be ranked. Candidates are therefore first the questions sharing
 * at least two of the words (an OR of pairwise ANDs, still answered by the GIN index); only when
 * those are fewer than asked for does the search widen to any word, and then ranks at most
 * {@value #MAX_WEAK_CANDIDATES} of those single-word matches, so that a look-up stays fast however
 * large the table (when nothing shares two words with the text, every candidate is a weak match
 * anyway). The words are the first {@value #MAX_WORDS} distinct lexemes of the text. Measured at
 * 100,000 questions: see the report of the benchmark in docs/benchmarks.md.
 */
final class PostgresSimilarSearch implements SimilarSearch {
  static final double TAG_BONUS = 0.35;
  /**
   * Weights of D, C (body), B (tags) and A (title) matches. A body match counts 0.4 of a title
   * match: lower and paraphrases whose words only appear in the original's body drop out of the
   * first five, higher and long bodies outrank short, exact titles (measured on the labelled set).
   */
  static final String WEIGHTS = "{0.05,0.4,0.5,1.0}";
  static final int MAX_WORDS = 8;
  static final int MAX_WEAK_CANDIDATES = 1_000;
  private final Database db;

  PostgresSimilarSearch(Database db) {
    this.db = db;
  }

  @Override
  public List<Hit> search(String tenant, String text, List<String> tags, int limit) {
    return db.read(sql -> {
      List<String> words = sql.list("SELECT lexeme FROM unnest(to_tsvector('english', ?)) ORDER BY positions[1] LIMIT " + MAX_WORDS,
          row -> quote(row.string("lexeme")), text);
      if (words.isEmpty()) {
        return List.of();
      }
      String anyWord = String.join(" | ", words);
      List<Hit> strong = List.of();
      if (words.size() >= 2) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
          for (int j = i + 1; j < words.size(); j++) {
            pairs.add("(" + words.get(i) + " & " + words.get(j) + ")");
          }
        }
        strong = rank(sql, tenant, anyWord, String.join(" | ", pairs), tags, limit, Integer.MAX_VALUE);
        if (strong.size() >= limit) {
          return strong;
        }
      }
      Map<Long, Hit> merged = new LinkedHashMap<>();
      strong.forEach(h -> merged.put(h.questionId(), h));
      rank(sql, tenant, anyWord, anyWord, tags, limit, MAX_WEAK_CANDIDATES).forEach(h -> merged.putIfAbsent(h.questionId(), h));
      return merged.values().stream()
          .sorted(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Comparator.comparingLong(Hit::questionId).reversed()))
          .limit(limit)
          .toList();
    });
  }

  /**
   * Ranks the questions matching {@code filter} by how well they match {@code rankBy}, looking at
   * no more than {@code candidates} of them.
   */
  private static List<Hit> rank(Sql sql, String tenant, String rankBy, String filter, List<String> tags, int limit, int candidates)
      throws SQLException {
    String tagBonus = tags.isEmpty() ? "0"
        : "(SELECT COUNT(*) FROM inflow_question_tag t WHERE t.tenant_id = q.tenant_id AND t.question_id = q.id AND t.tag IN ("
            + Sql.placeholders(tags) + "))";
    // bound in the order the placeholders appear: the ranking query, the tag list, tenant, filter, candidates, limit
    List<Object> params = new ArrayList<>();
    params.add(rankBy);
    params.addAll(tags);
    params.add(tenant);
    params.add(filter);
    String capped = "";
    if (candidates < Integer.MAX_VALUE) {
      capped = " LIMIT ?";
      params.add(candidates);
    }
    params.add(limit);
    return sql.list("SELECT q.id, ts_rank_cd('" + WEIGHTS + "', q.search, ?::tsquery, 1) * (1 + " + TAG_BONUS + " * " + tagBonus + ") AS rank"
        + " FROM (SELECT tenant_id, id, search FROM inflow_question WHERE tenant_id = ? AND deleted_at IS NULL AND search @@ ?::tsquery"
        + capped + ") q ORDER BY rank DESC, q.id DESC LIMIT ?", row -> new Hit(row.longValue("id"), row.doubleValue("rank")), params.toArray());
  }

  /** @return the lexeme as a tsquery operand, taken as is (it is normalised already) */
  private static String quote(String lexeme) {
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
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
