package dev.inflow.core.question;

import java.util.List;
import java.util.Objects;

/**
 * A question with its answers: accepted first, then verified, then by score, then oldest first.
 *
 * @param question the question
 * @param answers its answers not deleted, in that order; unmodifiable
 */
public record QuestionThread(Question question, List<Answer> answers) {
  public QuestionThread {
    Objects.requireNonNull(question, "question");
    answers = List.copyOf(answers);
  }
}
