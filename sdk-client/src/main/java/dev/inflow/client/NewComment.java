package dev.inflow.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A comment to post with {@link CommentsApi#create}:
 * {@code NewComment.of("Use the **EU** profile").replyTo(parentId).onTarget("Order 4711", url)}.
 *
 * @param body Markdown text; the server refuses a blank or oversized one with
 *     {@link InvalidRequestException} naming {@code body}
 * @param parentId the comment replied to; empty for a top-level comment
 * @param targetTitle the title of the page or object commented on, as the calling app knows it
 * @param targetUrl the URL of that page (http or https)
 */
public record NewComment(String body, Optional<String> parentId, Optional<String> targetTitle, Optional<String> targetUrl) {
  /** @throws NullPointerException when a component is null */
  public NewComment {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(targetTitle, "targetTitle");
    Objects.requireNonNull(targetUrl, "targetUrl");
  }

  /** @return a top-level comment with this Markdown body */
  public static NewComment of(String body) {
    return new NewComment(body, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @return this comment as a reply to the comment with the given id */
  public NewComment replyTo(String parentId) {
    return new NewComment(body, Optional.of(Objects.requireNonNull(parentId, "parentId")), targetTitle, targetUrl);
  }

  /**
   * Tells the server what the target is called and where it lives, so that notifications and
   * feeds can link to it. The first comment on a target usually says so; later ones may too.
   *
   * @return this comment, declaring the target's title and URL
   */
  public NewComment onTarget(String title, String url) {
    return new NewComment(body, parentId, Optional.of(Objects.requireNonNull(title, "title")), Optional.of(Objects.requireNonNull(url, "url")));
  }
}
