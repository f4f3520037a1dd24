package dev.inflow.core.comment;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A comment as one viewer sees it. Deleted comments that still have replies stay in threads as
 * tombstones: {@code deleted} is true and {@code body}, {@code html} and {@code reactions} are
 * empty. Comments hidden for moderation look the same to everyone but their author and moderators.
 *
 * @param id comment id
 * @param targetKey the target it is on
 * @param parentId the comment it replies to, empty for a top-level comment
 * @param depth 0 for top-level comments, parent's depth + 1 for replies
 * @param author who wrote it
 * @param body the Markdown as written (empty on tombstones)
 * @param html the rendered, sanitised HTML (empty on tombstones)
 * @param createdAt when it was posted
 * @param editedAt when it was last edited, if ever
 * @param deleted whether it was deleted (by its author or a moderator)
 * @param hidden whether it waits for a moderator after being flagged
 * @param reactions count per emoji, in the fixed order of {@link Reaction}; unmodifiable
 * @param myReactions the viewer's own reactions; unmodifiable
 * @param replyCount direct replies still shown
 * @param mentions ids of users mentioned; unmodifiable
 * @param version increases with every edit; the ETag of the comment
 * @param canEdit whether the viewer may edit it
 * @param canDelete whether the viewer may delete it
 * @param moreReplies in a list, a cursor for the rest of this thread when it was cut short
 */
public record Comment(
    String id,
    String targetKey,
    Optional<String> parentId,
    int depth,
    Author author,
    String body,
    String html,
    Instant createdAt,
    Optional<Instant> editedAt,
    boolean deleted,
    boolean hidden,
    Map<String, Integer> reactions,
    List<String> myReactions,
    int replyCount,
    List<String> mentions,
    long version,
    boolean canEdit,
    boolean canDelete,
    Optional<String> moreReplies) {

  public Comment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(editedAt, "editedAt");
    reactions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reactions));
    myReactions = List.copyOf(myReactions);
    mentions = List.copyOf(mentions);
    Objects.requireNonNull(moreReplies, "moreReplies");
  }

  /** @return this comment with a cursor for the rest of its thread */
  public Comment withMoreReplies(String cursor) {
    return new Comment(id, targetKey, parentId, depth, author, body, html, createdAt, editedAt, deleted, hidden,
        reactions, myReactions, replyCount, mentions, version, canEdit, canDelete, Optional.of(cursor));
  }
}
