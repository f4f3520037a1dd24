package dev.inflow.core.question;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An existing question that looks like what someone is typing. Carries no author, so anonymous
 * questions can be suggested without revealing anyone.
 *
 * @param id question id
 * @param title its title
 * @param excerpt the start of its body as plain text (at most 200 characters)
 * @param tags its tags; unmodifiable
 * @param status where it stands
 * @param answerCount answers not deleted
 * @param createdAt when it was asked
 * @param score relevance, higher is better; only comparable within one response
 */
public record SimilarQuestion(String id, String title, String excerpt, List<String> tags, QuestionStatus status, int answerCount,
    Instant createdAt, double score) {
  public SimilarQuestion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(excerpt, "excerpt");
    tags = List.copyOf(tags);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
