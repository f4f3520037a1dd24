package dev.inflow.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a comment's text, from its edit history.
 *
 * @param version the version number, starting at 1
 * @param body the Markdown of that version
 * @param html its rendered HTML
 * @param editor who wrote this version
 * @param createdAt when this version was written
 */
public record CommentRevision(long version, String body, String html, Author editor, Instant createdAt) {
  /** @throws NullPointerException when a component is null */
  public CommentRevision {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(editor, "editor");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
