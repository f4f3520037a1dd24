package dev.inflow.core.comment;

import java.util.Objects;
import java.util.Optional;

/**
 * What a person posts.
 *
 * @param body Markdown text
 * @param parentId the comment replied to, empty for a top-level comment
 * @param targetTitle the title of the page or object commented on, as the embedding page knows it
 * @param targetUrl the URL of that page (http or https)
 */
public record NewComment(String body, Optional<String> parentId, Optional<String> targetTitle, Optional<String> targetUrl) {
  public NewComment {
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(targetTitle, "targetTitle");
    Objects.requireNonNull(targetUrl, "targetUrl");
  }

  /** @return a top-level comment */
  public static NewComment of(String body) {
    return new NewComment(body, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @return a reply to the given comment */
  public static NewComment replyTo(String parentId, String body) {
    return new NewComment(body, Optional.of(parentId), Optional.empty(), Optional.empty());
  }

  /** @return this comment, declaring the target's title and URL */
  public NewComment onTarget(String title, String url) {
    return new NewComment(body, parentId, Optional.ofNullable(title), Optional.ofNullable(url));
  }
}
