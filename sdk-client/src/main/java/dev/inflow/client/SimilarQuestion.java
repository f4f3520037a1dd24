package dev.inflow.client;

import java.util.List;
import java.util.Objects;

/**
 * An existing question that may already answer what someone is about to ask.
 *
 * @param id question id
 * @param title its title
 * @param excerpt the start of its body
 * @param tags its tags; unmodifiable
 * @param status where it stands
 * @param answerCount its answers
 * @param score how well it matches, higher is better
 */
public record SimilarQuestion(String id, String title, String excerpt, List<String> tags, QuestionStatus status, int answerCount,
    double score) {
  /** @throws NullPointerException when a component is null */
  public SimilarQuestion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(excerpt, "excerpt");
    tags = List.copyOf(tags);
    Objects.requireNonNull(status, "status");
  }
}
