package dev.inflow.core.comment.internal;

import dev.inflow.core.Author;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What other features do when comments change, inside the comment's own transaction so that
 * both commit together: the feed records activities and follows, notifications are sent. Comments
 * know nothing about them beyond this interface.
 *
 * <p>Implementations must be thread-safe and must only use the given {@link Sql}.
 */
public interface CommentHook {
  /**
   * A comment as it was posted.
   *
   * @param id comment id
   * @param targetKey the target commented on
   * @param targetTitle the title the page declared with it, if any
   * @param targetUrl the URL the page declared with it, if any
   * @param parentId the comment replied to, if a reply
   * @param parentAuthorId the author of that comment, if a reply
   * @param author who posted it
   * @param body the Markdown text
   * @param mentions canonical ids of the users mentioned
   * @param createdAt when
   */
  record Posted(long id, String targetKey, Optional<String> targetTitle, Optional<String> targetUrl, Optional<Long> parentId,
      Optional<String> parentAuthorId, Author author, String body, List<String> mentions, Instant createdAt) {
    public Posted {
      Objects.requireNonNull(targetKey, "targetKey");
      Objects.requireNonNull(author, "author");
      mentions = List.copyOf(mentions);
    }
  }

  /**
   * A reaction someone added.
   *
   * @param commentId the comment
   * @param targetKey its target
   * @param commentAuthorId who wrote the comment
   * @param user who reacted
   * @param positive whether the reaction is a positive one (👍 ❤️ 🎉 😄 🚀)
   * @param firstPositive whether it is the user's first positive reaction on this comment
   */
  record Reacted(long commentId, String targetKey, String commentAuthorId, Author user, boolean positive, boolean firstPositive) {}

  void posted(Sql sql, String tenant, Posted comment) throws SQLException;

  /** The text of a comment changed. */
  void edited(Sql sql, String tenant, long commentId, String body) throws SQLException;

  void reacted(Sql sql, String tenant, Reacted reaction) throws SQLException;

  /** A comment stopped being visible: deleted, removed by a moderator or hidden by flags. */
  void withdrawn(Sql sql, String tenant, long commentId) throws SQLException;

  /** A hidden comment was approved by a moderator and is visible again. */
  void restored(Sql sql, String tenant, long commentId) throws SQLException;

  /** @return a hook that runs each of the given hooks in order (the feed, then notifications) */
  static CommentHook all(CommentHook... hooks) {
    List<CommentHook> each = List.of(hooks);
    return new CommentHook() {
      @Override
      public void posted(Sql sql, String tenant, Posted comment) throws SQLException {
        for (CommentHook hook : each) {
          hook.posted(sql, tenant, comment);
        }
      }

      @Override
      public void edited(Sql sql, String tenant, long commentId, String body) throws SQLException {
        for (CommentHook hook : each) {
          hook.edited(sql, tenant, commentId, body);
        }
      }

      @Override
      public void reacted(Sql sql, String tenant, Reacted reaction) throws SQLException {
        for (CommentHook hook : each) {
          hook.reacted(sql, tenant, reaction);
        }
      }

      @Override
      public void withdrawn(Sql sql, String tenant, long commentId) throws SQLException {
        for (CommentHook hook : each) {
          hook.withdrawn(sql, tenant, commentId);
        }
      }

      @Override
      public void restored(Sql sql, String tenant, long commentId) throws SQLException {
        for (CommentHook hook : each) {
          hook.restored(sql, tenant, commentId);
        }
      }
    };
  }

  /** @return a hook that does nothing */
  static CommentHook none() {
    return new CommentHook() {
      @Override
      public void posted(Sql sql, String tenant, Posted comment) {}

      @Override
      public void edited(Sql sql, String tenant, long commentId, String body) {}

      @Override
      public void reacted(Sql sql, String tenant, Reacted reaction) {}

      @Override
      public void withdrawn(Sql sql, String tenant, long commentId) {}

      @Override
      public void restored(Sql sql, String tenant, long commentId) {}
    };
  }
}
