package dev.inflow.core.question.internal;

import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Similar questions with PostgreSQL full-text search: the generated {@code search} column (title
 * weight A, tags B, body C, english stemming and stop words) under a GIN index, ranked with
 * {@code ts_rank_cd} (title 1.0, tags 0.5, body 0.4). Each tag in common multiplies the rank by
 * 1 + {@value #TAG_BONUS} (a factor, not a sum, because ranks of short and long questions differ
 * in scale).
 *
 * <p>A paraphrase rarely repeats every word of the original, so a question matching any of the
 * words may be the one. But ranking is not index-assisted, and common words match a large share of
 * the table: ranking every match cost 62 ms of database CPU per look-up at 100,000 questions. So a
 * look-up ranks at most {@value #CANDIDATES} candidates, gathered in tiers from the most specific:
 * the questions with all of the {@value #KEY_WORDS} rarest words, then those with all but one of
 * them, and so on down to any one of them, then (if the text has more words) any word at all. A
 * tier stops at the candidates still wanted, so the rows read are bounded whatever the table's size;
 * everything sharing more of the rare words than the widest tier reached is a candidate, and only
 * within that tier does the index's order decide which rows make the cut. Rarity comes from the
 * column's statistics ({@code pg_stats.most_common_elems}, kept by ANALYZE and autovacuum and
 * readable by the table's owner); a word not among the most common elements counts as rare. The
 * words are the first {@value #MAX_WORDS} distinct lexemes of the text; only the rarest
 * {@value #KEY_WORDS} form tiers, which keeps each tier's query to at most six conjunctions (every
 * word of the text still counts in the rank). Measured at 100,000 questions: see finding 6 of
 * docs/benchmarks.md.
 *
 * <p>Thread-safe: the statistics are a snapshot replaced whole every {@value #STATS_MINUTES} minutes.
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
  static final int KEY_WORDS = 4;
  /** Enough that near-duplicates of a common phrasing all compete, few enough to rank in a few milliseconds. */
  static final int CANDIDATES = 300;
  static final long STATS_MINUTES = 5;
  private final Database db;
  private volatile Frequencies frequencies = new Frequencies(Map.of(), Long.MIN_VALUE);

  /** Share of questions containing each common lexeme, as of {@code readAt} ({@link System#nanoTime}). */
  private record Frequencies(Map<String, Double> byLexeme, long readAt) {
    double of(String lexeme) {
      return byLexeme.getOrDefault(lexeme, 0.0);
    }
  }

  PostgresSimilarSearch(Database db) {
    this.db = db;
  }

  @Override
  public List<Hit> search(String tenant, String text, List<String> tags, int limit) {
    return db.read(sql -> {
      List<String> words = sql.list("SELECT lexeme FROM unnest(to_tsvector('english', ?)) ORDER BY positions[1] LIMIT " + MAX_WORDS,
          row -> row.string("lexeme"), text);
      if (words.isEmpty()) {
        return List.of();
      }
      Set<Long> candidates = candidates(sql, tenant, words, Math.max(CANDIDATES, limit));
      if (candidates.isEmpty()) {
        return List.of();
      }
      return rank(sql, tenant, anyOf(words), candidates, tags, limit);
    });
  }

  /** Questions sharing the most of the rarest words, then fewer, at most {@code wanted}. */
  private Set<Long> candidates(Sql sql, String tenant, List<String> words, int wanted) throws SQLException {
    Frequencies freq = frequencies(sql);
    List<String> rarest = words.stream().sorted(Comparator.comparingDouble(freq::of)).limit(KEY_WORDS).toList();
    // in the order typed, so that ties in rarity keep the same tiers for the same text
    List<String> key = words.stream().filter(rarest::contains).toList();
    List<String> tiers = new ArrayList<>();
    for (int k = key.size(); k >= 1; k--) {
      tiers.add(allOfAny(key, k));
    }
    if (key.size() < words.size()) {
      tiers.add(anyOf(words));
    }
    Set<Long> found = new LinkedHashSet<>();
    for (String tier : tiers) {
      // The query and the limit are written into the statement, not bound: with parameters, the
      // driver's server-side statement soon runs a generic plan that cannot see which words are
      // common, and then reads every posting of a common word (measured at 100k questions: 482
      // instead of 20 ms of database CPU per look-up). Each tier asks for the full budget: rows
      // of the tiers before match it again.
      List<Long> ids = sql.list("SELECT id FROM inflow_question WHERE tenant_id = ? AND deleted_at IS NULL AND search @@ " + literal(tier)
          + "::tsquery LIMIT " + wanted, row -> row.longValue("id"), tenant);
      for (Long id : ids) {
        if (found.size() < wanted) {
          found.add(id);
        }
      }
      if (found.size() >= wanted) {
        break;
      }
    }
    return found;
  }

  private static List<Hit> rank(Sql sql, String tenant, String query, Set<Long> candidates, List<String> tags, int limit)
      throws SQLException {
    String tagBonus = tags.isEmpty() ? "0"
        : "(SELECT COUNT(*) FROM inflow_question_tag t WHERE t.tenant_id = q.tenant_id AND t.question_id = q.id AND t.tag IN ("
            + Sql.placeholders(tags) + "))";
    // bound in the order the placeholders appear: the ranking query, the tag list, the candidates, tenant, limit
    List<Object> params = new ArrayList<>();
    params.add(query);
    params.addAll(tags);
    params.addAll(candidates);
    params.add(tenant);
    params.add(limit);
    return sql.list("SELECT q.id, ts_rank_cd('" + WEIGHTS + "', q.search, ?::tsquery, 1) * (1 + " + TAG_BONUS + " * " + tagBonus + ") AS rank"
        + " FROM " + Sql.valuesTable(candidates.size(), "BIGINT", "k", "id")
        + " JOIN inflow_question q ON q.tenant_id = ? AND q.id = k.id WHERE q.deleted_at IS NULL"
        + " ORDER BY rank DESC, q.id DESC LIMIT ?", row -> new Hit(row.longValue("id"), row.doubleValue("rank")), params.toArray());
  }

  /** @return the column's most common lexemes and their shares, read again when older than a few minutes */
  private Frequencies frequencies(Sql sql) throws SQLException {
    Frequencies current = frequencies;
    long now = System.nanoTime();
    if (current.readAt() != Long.MIN_VALUE && now - current.readAt() < TimeUnit.MINUTES.toNanos(STATS_MINUTES)) {
      return current;
    }
    Map<String, Double> byLexeme = new HashMap<>();
    // most_common_elem_freqs has three more entries than most_common_elems (minimum, maximum, nulls): unnest pads those with NULL
    sql.list("SELECT e.lexeme, e.share FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, share)"
        + " WHERE s.schemaname = current_schema() AND s.tablename = 'inflow_question' AND s.attname = 'search' AND e.lexeme IS NOT NULL",
        row -> byLexeme.put(row.string("lexeme"), row.doubleValue("share")));
    Frequencies read = new Frequencies(Map.copyOf(byLexeme), now);
    frequencies = read;
    return read;
  }

  /** @return a tsquery matching documents with at least {@code k} of the words: an OR of the ANDs of every {@code k} of them */
  static String allOfAny(List<String> words, int k) {
    List<String> clauses = new ArrayList<>();
    combinations(words, k, 0, new ArrayList<>(), clauses);
    return String.join(" | ", clauses);
  }

  private static void combinations(List<String> words, int k, int from, List<String> chosen, List<String> out) {
    if (chosen.size() == k) {
      out.add("(" + String.join(" & ", chosen) + ")");
      return;
    }
    for (int i = from; i <= words.size() - (k - chosen.size()); i++) {
      chosen.add(quote(words.get(i)));
      combinations(words, k, i + 1, chosen, out);
      chosen.remove(chosen.size() - 1);
    }
  }

  private static String anyOf(List<String> words) {
    return String.join(" | ", words.stream().map(PostgresSimilarSearch::quote).toList());
  }

  /** @return the text as an SQL string literal (standard_conforming_strings, PostgreSQL's default since 9.1) */
  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
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
