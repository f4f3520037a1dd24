package dev.inflow.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a question, from its edit history.
 *
 * @param version the version number, starting at 1
 * @param title the title of that version
 * @param body its Markdown
 * @param html its rendered HTML
 * @param tags its tags; unmodifiable
 * @param editor who wrote it; empty when that would reveal an anonymous asker
 * @param createdAt when it was written
 */
public record QuestionRevision(long version, String title, String body, String html, List<String> tags, Optional<Author> editor,
    Instant createdAt) {
  /** @throws NullPointerException when a component is null */
  public QuestionRevision {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    tags = List.copyOf(tags);
    Objects.requireNonNull(editor, "editor");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
