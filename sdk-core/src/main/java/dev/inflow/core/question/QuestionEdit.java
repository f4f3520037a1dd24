package dev.inflow.core.question;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to a question; what is empty stays as it is.
 *
 * @param title a new title
 * @param body a new body
 * @param tags new tags (1–5)
 */
public record QuestionEdit(Optional<String> title, Optional<String> body, Optional<List<String>> tags) {
  public QuestionEdit {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    tags = Objects.requireNonNull(tags, "tags").map(List::copyOf);
  }
}
