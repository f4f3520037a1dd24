package dev.inflow.core.question;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a question, for its edit history.
 *
 * @param version the version number, starting at 1
 * @param title the title of that version
 * @param body its Markdown
 * @param html its rendered HTML
 * @param tags its tags; unmodifiable
 * @param editor who wrote it; empty for anonymous questions (except for administrators)
 * @param createdAt when this version was written
 */
public record QuestionRevision(long version, String title, String body, String html, List<String> tags, Optional<Author> editor,
    Instant createdAt) {
  public QuestionRevision {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    tags = List.copyOf(tags);
    Objects.requireNonNull(editor, "editor");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
