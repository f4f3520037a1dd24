package dev.inflow.core.question;

import java.util.Objects;
import java.util.Optional;

/**
 * Which questions to list. Filters combine; the default lists every question the caller may read,
 * newest first.
 *
 * @param tag only questions with this tag
 * @param status only questions in this status
 * @param targetKey only questions about this target
 * @param scope everyone's, the caller's own, or those routed to the caller
 */
public record QuestionQuery(Optional<String> tag, Optional<QuestionStatus> status, Optional<String> targetKey, Scope scope) {
  /** Whose questions. */
  public enum Scope {
    /** Every readable question. */
    ALL,
    /** Questions the caller asked, anonymous ones included. */
    MINE,
    /** Questions routed or escalated to the caller ("questions for you"). */
    ROUTED_TO_ME
  }

  public QuestionQuery {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(scope, "scope");
  }

  /** @return every readable question */
  public static QuestionQuery all() {
    return new QuestionQuery(Optional.empty(), Optional.empty(), Optional.empty(), Scope.ALL);
  }

  /** @return this query, limited to a tag */
  public QuestionQuery withTag(String tag) {
    return new QuestionQuery(Optional.of(tag), status, targetKey, scope);
  }

  /** @return this query, limited to a status */
  public QuestionQuery withStatus(QuestionStatus status) {
    return new QuestionQuery(tag, Optional.of(status), targetKey, scope);
  }

  /** @return this query, limited to a target */
  public QuestionQuery about(String targetKey) {
    return new QuestionQuery(tag, status, Optional.of(targetKey), scope);
  }

  /** @return this query, limited to a scope */
  public QuestionQuery in(Scope scope) {
    return new QuestionQuery(tag, status, targetKey, scope);
  }
}
