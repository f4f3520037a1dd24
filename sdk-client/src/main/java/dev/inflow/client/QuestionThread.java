package dev.inflow.client;

import java.util.List;
import java.util.Objects;

/**
 * A question with its answers, from {@link QuestionsApi#get}.
 *
 * @param question the question
 * @param answers accepted first, then verified, then by score, then oldest first; unmodifiable
 */
public record QuestionThread(Question question, List<Answer> answers) {
  /** @throws NullPointerException when a component is null */
  public QuestionThread {
    Objects.requireNonNull(question, "question");
    answers = List.copyOf(answers);
  }
}
