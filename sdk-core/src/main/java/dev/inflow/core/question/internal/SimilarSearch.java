package dev.inflow.core.question.internal;

import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Dialect;
import java.util.List;

/**
 * Finds questions whose words match a text: stemmed, title matches weighing more than body
 * matches, shared tags adding to the score. Hits are candidates only: callers still check that the
 * viewer may read each question.
 *
 * <p>Implementations are thread-safe.
 */
interface SimilarSearch extends AutoCloseable {
  /**
   * A matching question.
   *
   * @param questionId the question
   * @param score relevance, higher is better, comparable within one search only
   */
  record Hit(long questionId, double score) {}

  /**
   * @param text words as typed (already cleaned and at most a few hundred characters)
   * @param tags tags chosen so far, lower case; may be empty
   * @param limit at most this many hits
   * @return hits, best first; questions deleted are never hits
   */
  List<Hit> search(String tenant, String text, List<String> tags, int limit);

  /** Tells the search that a question changed, after the change committed. */
  void changed(String tenant, long questionId);

  @Override
  void close();

  /** @return PostgreSQL's own full-text search, or a Lucene index beside the H2 database */
  static SimilarSearch of(Database db) {
    return db.dialect() == Dialect.POSTGRESQL ? new PostgresSimilarSearch(db) : LuceneSimilarSearch.open(db);
  }
}
