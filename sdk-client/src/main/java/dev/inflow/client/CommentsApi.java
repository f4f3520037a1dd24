package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.CommentJson;
import dev.inflow.client.internal.IdempotencyKeys;
import dev.inflow.client.internal.Paging;
import dev.inflow.client.internal.Transport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Threaded comments on any target, from {@link InflowClient#comments()}. Every call acts as the
 * user whose token the client sends.
 *
 * <p>Target keys are the host's names for its objects, e.g. {@code order:4711} or
 * {@code kb/network/vpn-setup}; they go into the URL path as they are, {@code /} and {@code :}
 * included. Every method throws the {@link InflowApiException} subclass for its failure: most
 * often {@link NotFoundException} for a target or comment the user may not see,
 * {@link ForbiddenException} for a write they may not make, and {@link InvalidRequestException}
 * naming the field the server refused.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class CommentsApi {
  /** The most keys the server counts per request; longer lists are split into several requests. */
  static final int COUNT_KEYS_PER_REQUEST = 100;
  private final Transport transport;

  CommentsApi(Transport transport) {
    this.transport = transport;
  }

  /** @return the first page of the target's comments, oldest first, each top-level comment followed by its replies */
  public Page<Comment> list(String targetKey) {
    return list(targetKey, ListOptions.first());
  }

  /**
   * Reads one page of a target's comments: top-level comments in the chosen order, each followed
   * by its replies in thread order. A very long thread is cut short; its top comment then carries
   * {@link Comment#moreReplies()} for {@link #replies(String, String)}.
   *
   * @param options order, page size and cursor
   * @return the page; {@link Page#next()} continues it
   */
  public Page<Comment> list(String targetKey, ListOptions options) {
    ApiCall call = ApiCall.get(targetComments(targetKey))
        .query("sort", options.sort().wireName())
        .query("limit", Integer.toString(options.limit()));
    if (options.cursor().isPresent()) {
      call = call.query("cursor", options.cursor().get());
    }
    return transport.call(call, CommentJson.page(CommentJson::comment));
  }

  /** @return every comment on the target, oldest first; see {@link #stream(String, ListOptions)} */
  public Stream<Comment> stream(String targetKey) {
    return stream(targetKey, ListOptions.first());
  }

  /**
   * Reads all of a target's comments, page after page, as the stream is consumed: nothing is
   * fetched until a terminal operation starts, and {@code limit(n)} stops fetching early.
   * Failures surface from the stream operation that needed the page.
   *
   * @param options order and page size; a cursor starts the stream at that page
   * @return the comments in list order
   * @throws IllegalArgumentException at once for a target key no URL can carry
   */
  public Stream<Comment> stream(String targetKey, ListOptions options) {
    targetComments(targetKey); // a key no URL can carry fails here, not at the first page
    return Paging.stream(options.cursor(), cursor -> list(targetKey, new ListOptions(options.sort(), options.limit(), cursor)));
  }

  /**
   * Posts a comment or reply. The call carries a fresh {@code Idempotency-Key}, the same on every
   * retry, so a retry after a lost answer returns the first comment instead of posting twice.
   *
   * @return the comment as posted
   * @throws InvalidRequestException for a blank or oversized body ({@code body}), an unknown
   *     parent ({@code parentId}) or a bad target key ({@code targetKey})
   */
  public Comment create(String targetKey, NewComment comment) {
    return create(targetKey, comment, IdempotencyKeys.fresh());
  }

  /**
   * Posts a comment or reply with the caller's own idempotency key, for callers that may repeat
   * the whole call later (a batch job restarted after a crash): the same key with the same
   * comment returns the first result; the same key with another comment is refused.
   *
   * @param idempotencyKey 1 to 255 visible ASCII characters, e.g. a UUID or {@code import-2026-11-23-row-17}
   * @return the comment as posted (first time) or as it was posted (repeat)
   * @throws ConflictException when the key was used for a different comment
   * @throws IllegalArgumentException when the key is not 1 to 255 visible ASCII characters
   */
  public Comment create(String targetKey, NewComment comment, String idempotencyKey) {
    Objects.requireNonNull(comment, "comment");
    IdempotencyKeys.require(idempotencyKey);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("body", comment.body());
    comment.parentId().ifPresent(id -> body.put("parentId", id));
    comment.targetTitle().ifPresent(title -> body.put("targetTitle", title));
    comment.targetUrl().ifPresent(url -> body.put("targetUrl", url));
    return transport.call(ApiCall.post(targetComments(targetKey), body).idempotencyKey(idempotencyKey), CommentJson::comment);
  }

  /** @return the comment with the id */
  public Comment get(String commentId) {
    return transport.call(ApiCall.get(comment(commentId)), CommentJson::comment);
  }

  /**
   * Changes the text of one's own comment, unless someone changed it since it was read. Edits are
   * not retried once sent: a repeat of an edit that did arrive would be refused as stale.
   *
   * @param expectedVersion the {@link Comment#version()} the edit is based on
   * @return the comment after the edit, with the next version
   * @throws PreconditionFailedException when the comment is no longer at that version; it names
   *     the current one
   * @throws ForbiddenException when the comment is someone else's
   */
  public Comment edit(String commentId, String body, long expectedVersion) {
    Objects.requireNonNull(body, "body");
    ApiCall call = ApiCall.patch(comment(commentId), Map.of("body", body)).header("If-Match", "\"" + expectedVersion + "\"");
    return transport.call(call, CommentJson::comment);
  }

  /**
   * Deletes one's own comment, or any comment as a moderator. Replies stay visible under a
   * tombstone; deleting a deleted comment does nothing.
   */
  public void delete(String commentId) {
    transport.call(ApiCall.delete(comment(commentId)), null);
  }

  /**
   * Adds the user's reaction; nothing changes if it is there already.
   *
   * @param emoji one of {@link Me#reactions()}, e.g. {@code 👍}, or its alias ({@code +1},
   *     {@code -1}, {@code laugh}, {@code hooray}, {@code confused}, {@code heart}, {@code rocket},
   *     {@code eyes})
   * @return the comment with its reactions after the change
   * @throws InvalidRequestException naming {@code emoji} for one the server does not know
   */
  public Comment react(String commentId, String emoji) {
    return transport.call(ApiCall.put(reaction(commentId, emoji)), CommentJson::comment);
  }

  /**
   * Removes the user's reaction; nothing changes if it is not there.
   *
   * @param emoji as for {@link #react}
   * @return the comment with its reactions after the change
   */
  public Comment unreact(String commentId, String emoji) {
    return transport.call(ApiCall.delete(reaction(commentId, emoji)), CommentJson::comment);
  }

  /** @return the comment after flagging it without a note; see {@link #flag(String, FlagReason, String)} */
  public Comment flag(String commentId, FlagReason reason) {
    return flag(commentId, reason, Optional.empty());
  }

  /**
   * Flags a comment for moderators, once per user (flagging again does nothing). Enough flags hide
   * it until a moderator decides.
   *
   * @param note what the moderators should know, e.g. why {@link FlagReason#OTHER}
   * @return the comment after flagging
   * @throws ForbiddenException when flagging one's own comment
   */
  public Comment flag(String commentId, FlagReason reason, String note) {
    return flag(commentId, reason, Optional.of(Objects.requireNonNull(note, "note")));
  }

  private Comment flag(String commentId, FlagReason reason, Optional<String> note) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", Objects.requireNonNull(reason, "reason").wireName());
    note.ifPresent(n -> body.put("note", n));
    // One flag per user and comment: a repeat changes nothing, so it may be retried like a PUT.
    return transport.call(ApiCall.post(comment(commentId).then("flags"), body).asRepeatable(), CommentJson::comment);
  }

  /**
   * Counts the visible comments of many targets at once, e.g. for the badges of a list of orders.
   * More than {@value #COUNT_KEYS_PER_REQUEST} keys are counted in several requests.
   *
   * @param targetKeys the keys; duplicates are counted once
   * @return the count per key, in the order given; 0 for keys without comments or that the user
   *     may not read; unmodifiable
   * @throws IllegalArgumentException for a key containing {@code ,}, which separates keys in the request
   */
  public Map<String, Long> counts(Collection<String> targetKeys) {
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(targetKeys));
    for (String key : keys) {
      Objects.requireNonNull(key, "target key");
      if (key.isEmpty() || key.contains(",")) {
        throw new IllegalArgumentException("a target key to count must be non-empty and contain no ',' (got '" + key + "')");
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int from = 0; from < keys.size(); from += COUNT_KEYS_PER_REQUEST) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + COUNT_KEYS_PER_REQUEST));
      Map<String, Long> answered = transport.call(ApiCall.get(ApiPath.v1("comments", "counts")).query("keys", String.join(",", chunk)),
          CommentJson::counts);
      chunk.forEach(key -> counts.put(key, answered.getOrDefault(key, 0L)));
    }
    return Collections.unmodifiableMap(counts);
  }

  /** @return the first page of the replies under a comment, at any depth, in thread order */
  public Page<Comment> replies(String commentId) {
    return transport.call(ApiCall.get(comment(commentId).then("replies")), CommentJson.page(CommentJson::comment));
  }

  /**
   * @param cursor a {@link Page#next()} of this call, or the {@link Comment#moreReplies()} of the comment
   * @return the page of replies under the comment at the cursor
   */
  public Page<Comment> replies(String commentId, String cursor) {
    ApiCall call = ApiCall.get(comment(commentId).then("replies")).query("cursor", Objects.requireNonNull(cursor, "cursor"));
    return transport.call(call, CommentJson.page(CommentJson::comment));
  }

  /** @return every version of the comment's text, oldest first, the current one last; unmodifiable */
  public List<CommentRevision> history(String commentId) {
    return List.copyOf(transport.call(ApiCall.get(comment(commentId).then("history")), CommentJson::history));
  }

  /**
   * @return the first page of flagged comments the user may moderate, oldest first
   * @throws UnauthorizedException when the client sends no token
   */
  public Page<ModerationItem> queue() {
    return transport.call(ApiCall.get(ApiPath.v1("moderation", "queue")), CommentJson.page(CommentJson::moderationItem));
  }

  /** @return the page of the moderation queue at the cursor from a previous page */
  public Page<ModerationItem> queue(String cursor) {
    ApiCall call = ApiCall.get(ApiPath.v1("moderation", "queue")).query("cursor", Objects.requireNonNull(cursor, "cursor"));
    return transport.call(call, CommentJson.page(CommentJson::moderationItem));
  }

  /**
   * Clears the flags of a comment and shows it again.
   *
   * @return the comment after the decision
   * @throws ForbiddenException when the user may not moderate its target
   */
  public Comment approve(String commentId) {
    return transport.call(ApiCall.post(moderation(commentId).then("approve"), null), CommentJson::comment);
  }

  /**
   * Removes a flagged comment as a moderator (it becomes a tombstone if it has replies).
   *
   * @return the comment after the decision
   * @throws ForbiddenException when the user may not moderate its target
   * @throws ConflictException when it is already deleted
   */
  public Comment remove(String commentId) {
    return transport.call(ApiCall.post(moderation(commentId).then("remove"), null), CommentJson::comment);
  }

  private static ApiPath targetComments(String targetKey) {
    return ApiPath.v1("targets").targetKey(targetKey).then("comments");
  }

  private static ApiPath comment(String commentId) {
    return ApiPath.v1("comments").segment("commentId", commentId);
  }

  private static ApiPath moderation(String commentId) {
    return ApiPath.v1("moderation", "comments").segment("commentId", commentId);
  }

  private static ApiPath reaction(String commentId, String emoji) {
    return comment(commentId).then("reactions").segment("emoji", Objects.requireNonNull(emoji, "emoji").strip());
  }
}
