package dev.inflow.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Which questions to list with {@link QuestionsApi#list(QuestionQuery)}; immutable:
 * {@code QuestionQuery.all().tag("vpn").status(QuestionStatus.OPEN).limit(50)}.
 *
 * @param scope all questions, the user's own, or those routed to them
 * @param tag only questions with this tag
 * @param status only questions in this state
 * @param targetKey only questions about this target
 * @param page page size and cursor
 */
public record QuestionQuery(Scope scope, Optional<String> tag, Optional<QuestionStatus> status, Optional<String> targetKey,
    PageOptions page) {
  /** Whose questions. */
  public enum Scope {
    /** Every question the user may read. */
    ALL("all"),
    /** Questions the user asked. */
    MINE("mine"),
    /** Questions routed to the user as an expert. */
    ROUTED_TO_ME("for-me");

    private final String wireName;

    Scope(String wireName) {
      this.wireName = wireName;
    }

    /** @return the name used in the URL: {@code all}, {@code mine}, {@code for-me} */
    public String wireName() {
      return wireName;
    }
  }

  /** @throws NullPointerException when a component is null */
  public QuestionQuery {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(page, "page");
  }

  /** @return every question the user may read, newest first, first page */
  public static QuestionQuery all() {
    return new QuestionQuery(Scope.ALL, Optional.empty(), Optional.empty(), Optional.empty(), PageOptions.first());
  }

  /** @return this query for another scope */
  public QuestionQuery scope(Scope scope) {
    return new QuestionQuery(scope, tag, status, targetKey, page);
  }

  /** @return this query limited to a tag */
  public QuestionQuery tag(String tag) {
    return new QuestionQuery(scope, Optional.of(Objects.requireNonNull(tag, "tag")), status, targetKey, page);
  }

  /** @return this query limited to a state */
  public QuestionQuery status(QuestionStatus status) {
    return new QuestionQuery(scope, tag, Optional.of(Objects.requireNonNull(status, "status")), targetKey, page);
  }

  /** @return this query limited to questions about a target */
  public QuestionQuery about(String targetKey) {
    return new QuestionQuery(scope, tag, status, Optional.of(Objects.requireNonNull(targetKey, "targetKey")), page);
  }

  /** @return this query with another page size */
  public QuestionQuery limit(int limit) {
    return new QuestionQuery(scope, tag, status, targetKey, page.limit(limit));
  }

  /** @return this query at the page after the one that gave this cursor */
  public QuestionQuery after(String cursor) {
    return new QuestionQuery(scope, tag, status, targetKey, page.after(cursor));
  }

  QuestionQuery at(Optional<String> cursor) {
    return new QuestionQuery(scope, tag, status, targetKey, page.at(cursor));
  }
}
