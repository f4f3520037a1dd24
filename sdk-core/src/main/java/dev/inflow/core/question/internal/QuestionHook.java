package dev.inflow.core.question.internal;

import dev.inflow.core.Author;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What other features do when questions change, inside the question's own transaction: the feed
 * records activities and follows. Questions know nothing about the feed beyond this interface.
 *
 * <p>Implementations must be thread-safe and must only use the given {@link Sql}.
 */
public interface QuestionHook {
  /**
   * A question as the feed may show it.
   *
   * @param id question id
   * @param key its owned target key, {@code question:{id}}
   * @param title its title
   * @param tags its tags
   * @param asker who asked it; follows and feeds must never reveal them when {@code anonymous}
   * @param anonymous whether the asker stays hidden
   */
  record AboutQuestion(long id, String key, String title, List<String> tags, Author asker, boolean anonymous) {
    public AboutQuestion {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(title, "title");
      tags = List.copyOf(tags);
      Objects.requireNonNull(asker, "asker");
    }

    /** @return the asker as others may see them: empty for an anonymous question */
    public Optional<Author> shownAsker() {
      return anonymous ? Optional.empty() : Optional.of(asker);
    }
  }

  /** Someone asked a question. */
  void asked(Sql sql, String tenant, AboutQuestion question) throws SQLException;

  /** Someone answered it; {@code body} is the answer's Markdown. */
  void answered(Sql sql, String tenant, AboutQuestion question, long answerId, Author author, String body) throws SQLException;

  /**
   * An answer was accepted.
   *
   * @param by who accepted it, as others may see them (empty when the anonymous asker did)
   */
  void accepted(Sql sql, String tenant, AboutQuestion question, long answerId, Optional<Author> by) throws SQLException;

  /** An expert verified an answer. */
  void verified(Sql sql, String tenant, AboutQuestion question, long answerId, Author expert) throws SQLException;

  /** @return a hook that does nothing */
  static QuestionHook none() {
    return new QuestionHook() {
      @Override
      public void asked(Sql sql, String tenant, AboutQuestion question) {}

      @Override
      public void answered(Sql sql, String tenant, AboutQuestion question, long answerId, Author author, String body) {}

      @Override
      public void accepted(Sql sql, String tenant, AboutQuestion question, long answerId, Optional<Author> by) {}

      @Override
      public void verified(Sql sql, String tenant, AboutQuestion question, long answerId, Author expert) {}
    };
  }
}
