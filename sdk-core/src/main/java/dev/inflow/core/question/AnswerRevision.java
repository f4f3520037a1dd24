package dev.inflow.core.question;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of an answer's text, for its edit history.
 *
 * @param version the version number, starting at 1
 * @param body the Markdown of that version
 * @param html its rendered HTML
 * @param editor who wrote it
 * @param createdAt when this version was written
 */
public record AnswerRevision(long version, String body, String html, Author editor, Instant createdAt) {
  public AnswerRevision {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(editor, "editor");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
