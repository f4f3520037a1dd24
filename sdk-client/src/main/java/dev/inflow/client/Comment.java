package dev.inflow.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A comment as the signed-in user sees it. A deleted comment that still has replies stays in its
 * thread as a tombstone: {@code deleted} is true and {@code body}, {@code html} and
 * {@code reactions} are empty.
 *
 * @param id comment id
 * @param targetKey the target it is on, e.g. {@code order:4711}
 * @param parentId the comment it replies to; empty for a top-level comment
 * @param depth 0 for top-level comments, the parent's depth + 1 for replies
 * @param author who wrote it
 * @param body the Markdown as written (empty on tombstones)
 * @param html the server-rendered, sanitised HTML (empty on tombstones); safe to insert into a page
 * @param createdAt when it was posted
 * @param editedAt when it was last edited, if ever
 * @param deleted whether it was deleted
 * @param hidden whether it waits for a moderator after being flagged
 * @param reactions count per emoji, in the server's order; unmodifiable
 * @param myReactions the signed-in user's own reactions; unmodifiable
 * @param replyCount direct replies still shown
 * @param mentions ids of users mentioned; unmodifiable
 * @param version increases with every edit; pass it to {@link CommentsApi#edit}
 * @param canEdit whether the signed-in user may edit it
 * @param canDelete whether the signed-in user may delete it
 * @param moreReplies in a list, a cursor for {@link CommentsApi#replies(String, String)} when the
 *     thread under this comment was cut short
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

  /** @throws NullPointerException when a component is null */
  public Comment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(editedAt, "editedAt");
    reactions = Collections.unmodifiableMap(new LinkedHashMap<>(reactions));
    myReactions = List.copyOf(myReactions);
    mentions = List.copyOf(mentions);
    Objects.requireNonNull(moreReplies, "moreReplies");
  }
}
