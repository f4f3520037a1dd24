package dev.inflow.core.feed.internal;

import dev.inflow.core.comment.internal.CommentHook;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What comments mean for the feed: posting one records "commented" (or "replied") and follows the
 * target for its author; the first positive reaction of someone on another's comment records
 * "liked"; a deleted or hidden comment takes its activities out of every feed until it is
 * approved; an edit renames them.
 */
final class CommentActivities implements CommentHook {
  /** Characters of a comment shown in a feed item. */
  static final int EXCERPT = 140;
  /** Characters of a comment sent to the Learning Record Store as the learner's response. */
  static final int RESPONSE = 1_000;
  private final ActivityRecorder recorder;
  private final DefaultFollows follows;

  CommentActivities(ActivityRecorder recorder, DefaultFollows follows) {
    this.recorder = recorder;
    this.follows = follows;
  }

  static String objectId(long commentId) {
    return "comment:" + commentId;
  }

  @Override
  public void posted(Sql sql, String tenant, Posted c) throws SQLException {
    follows.autoFollow(sql, tenant, c.author().id(), c.targetKey());
    String verb = c.parentId().isPresent() ? "replied" : "commented";
    recorder.record(sql, tenant, new ActivityDraft(Optional.of(c.author()), verb, objectId(c.id()), "comment", Excerpt.of(c.body(), EXCERPT),
        Optional.empty(), Optional.of(c.targetKey()), Optional.of(c.targetKey()), List.of(),
        ActivityDraft.groupOf("commented", Optional.of(c.targetKey()), objectId(c.id())), true, Optional.of(Excerpt.of(c.body(), RESPONSE))));
  }

  @Override
  public void edited(Sql sql, String tenant, long commentId, String body) throws SQLException {
    recorder.rename(sql, tenant, objectId(commentId), Excerpt.of(body, EXCERPT));
  }

  @Override
  public void reacted(Sql sql, String tenant, Reacted r) throws SQLException {
    String object = objectId(r.commentId());
    // Only what is worth a line in a feed: the first positive reaction of someone on another's comment.
    if (!r.positive() || !r.firstPositive() || r.user().id().equals(r.commentAuthorId())
        || recorder.exists(sql, tenant, object, r.user().id(), "liked")) {
      return;
    }
    String name = recorder.nameOf(sql, tenant, object).orElse("a comment");
    recorder.record(sql, tenant, new ActivityDraft(Optional.of(r.user()), "liked", object, "comment", name, Optional.empty(),
        Optional.of(r.targetKey()), Optional.of(r.targetKey()), List.of(),
        ActivityDraft.groupOf("liked", Optional.of(object), object), true, Optional.empty()));
  }

  @Override
  public void withdrawn(Sql sql, String tenant, long commentId) throws SQLException {
    recorder.withdraw(sql, tenant, objectId(commentId), true);
  }

  @Override
  public void restored(Sql sql, String tenant, long commentId) throws SQLException {
    recorder.withdraw(sql, tenant, objectId(commentId), false);
  }
}
