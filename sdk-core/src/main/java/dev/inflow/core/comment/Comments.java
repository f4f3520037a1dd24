package dev.inflow.core.comment;

import dev.inflow.core.Caller;
import dev.inflow.core.Created;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Threaded comments on any target. Every method checks the caller against the host's
 * {@link dev.inflow.core.spi.AccessPolicy}: a target or comment the caller may not read is
 * reported as {@link dev.inflow.core.NotFoundException}; a write the caller may not make on
 * something they can read is an {@link dev.inflow.core.AccessDeniedException}. Writes are rate
 * limited per user and tenant and recorded as events.
 *
 * <p>Thread-safe.
 */
public interface Comments {
  /**
   * Posts a comment or a reply.
   *
   * @param idempotencyKey when present, a retry with the same key and the same request returns the
   *     first result instead of posting again; the same key with another request is a
   *     {@link dev.inflow.core.ConflictException}
   * @throws dev.inflow.core.InvalidInputException for a bad target key, empty or oversized body,
   *     unknown parent, or a thread nested too deep
   */
  Created<Comment> create(Caller caller, String targetKey, NewComment comment, Optional<String> idempotencyKey);

  /**
   * Lists a page of top-level comments of a target, each followed by its replies in thread order
   * (depth first, oldest first). Very long threads are cut short; such a comment carries
   * {@link Comment#moreReplies()} for {@link #replies}.
   */
  Page<Comment> list(Caller caller, String targetKey, CommentSort sort, PageRequest page);

  /** Lists the replies under a comment, at any depth, in thread order. */
  Page<Comment> replies(Caller caller, String commentId, PageRequest page);

  /** @return one comment */
  Comment get(Caller caller, String commentId);

  /**
   * Changes the text of one's own comment; the old text goes to the history.
   *
   * @param expectedVersion when present, the edit is refused with
   *     {@link dev.inflow.core.PreconditionFailedException} unless the comment is at this version
   */
  Comment edit(Caller caller, String commentId, String body, OptionalLong expectedVersion);

  /**
   * Deletes one's own comment, or any comment as a moderator. Replies stay visible under a
   * tombstone. Deleting a deleted comment does nothing.
   */
  void delete(Caller caller, String commentId);

  /** Adds the caller's reaction (nothing changes if it is there already). */
  Comment react(Caller caller, String commentId, Reaction reaction);

  /** Removes the caller's reaction (nothing changes if it is not there). */
  Comment unreact(Caller caller, String commentId, Reaction reaction);

  /**
   * Flags a comment for moderators. One flag per user and comment; flagging again does nothing.
   * Enough flags hide the comment until a moderator decides.
   *
   * @return the comment after flagging
   */
  Comment flag(Caller caller, String commentId, FlagReason reason, Optional<String> note);

  /** @return flagged comments the caller may moderate, oldest first */
  Page<ModerationItem> moderationQueue(Caller caller, PageRequest page);

  /** Approves or removes a flagged comment; only for those who may moderate its target. */
  Comment moderate(Caller caller, String commentId, ModerationAction action);

  /**
   * @param targetKeys up to 100 keys
   * @return the number of visible comments per key (0 for keys without comments or not readable)
   */
  Map<String, Long> counts(Caller caller, Collection<String> targetKeys);

  /** @return every version of the comment's text, oldest first, the current one last */
  List<CommentRevision> history(Caller caller, String commentId);
}
