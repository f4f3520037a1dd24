package dev.inflow.core.feed.internal;

import dev.inflow.core.Author;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.question.internal.QuestionHook;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What questions mean for the feed: asking records "asked", answering "answered", accepting and
 * verifying an answer "accepted" and "verified", all on the target {@code question:{id}} with the
 * question's tags as topics, so that people following the question or its topics see them. Asking
 * and answering follow the question for the person who did it. An anonymous asker is never named.
 */
final class QuestionActivities implements QuestionHook {
  private final Platform platform;
  private final ActivityRecorder recorder;
  private final DefaultFollows follows;

  QuestionActivities(Platform platform, ActivityRecorder recorder, DefaultFollows follows) {
    this.platform = platform;
    this.recorder = recorder;
    this.follows = follows;
  }

  @Override
  public void asked(Sql sql, String tenant, AboutQuestion q) throws SQLException {
    // The feed shows the question's title as the target's name, as it shows a page's title for comments.
    platform.targets().declare(sql, tenant, q.key(), Optional.of(q.title()), Optional.empty());
    // A follow is private to the follower, so an anonymous asker may follow their own question.
    follows.autoFollow(sql, tenant, q.asker().id(), q.key());
    recorder.record(sql, tenant, new ActivityDraft(q.shownAsker(), "asked", q.key(), "question", q.title(), Optional.empty(),
        Optional.of(q.key()), Optional.of(q.key()), q.tags(), ActivityDraft.groupOf("asked", Optional.empty(), q.key()), true,
        Optional.empty()));
  }

  @Override
  public void answered(Sql sql, String tenant, AboutQuestion q, long answerId, Author author, String body) throws SQLException {
    follows.autoFollow(sql, tenant, author.id(), q.key());
    String object = "answer:" + answerId;
    recorder.record(sql, tenant, new ActivityDraft(Optional.of(author), "answered", object, "answer",
        Excerpt.of(body, CommentActivities.EXCERPT), Optional.empty(), Optional.of(q.key()), Optional.of(object), q.tags(),
        ActivityDraft.groupOf("answered", Optional.of(q.key()), object), true, Optional.of(Excerpt.of(body, CommentActivities.RESPONSE))));
  }

  @Override
  public void accepted(Sql sql, String tenant, AboutQuestion q, long answerId, Optional<Author> by) throws SQLException {
    String object = "answer:" + answerId;
    if (by.isPresent() && recorder.exists(sql, tenant, object, by.get().id(), "accepted")) {
      return;
    }
    recorder.record(sql, tenant, new ActivityDraft(by, "accepted", object, "answer", recorder.nameOf(sql, tenant, object).orElse(q.title()),
        Optional.empty(), Optional.of(q.key()), Optional.of(object), q.tags(), ActivityDraft.groupOf("accepted", Optional.of(q.key()), object),
        false, Optional.empty()));
  }

  @Override
  public void verified(Sql sql, String tenant, AboutQuestion q, long answerId, Author expert) throws SQLException {
    String object = "answer:" + answerId;
    if (recorder.exists(sql, tenant, object, expert.id(), "verified")) {
      return;
    }
    recorder.record(sql, tenant, new ActivityDraft(Optional.of(expert), "verified", object, "answer",
        recorder.nameOf(sql, tenant, object).orElse(q.title()), Optional.empty(), Optional.of(q.key()), Optional.of(object), q.tags(),
        ActivityDraft.groupOf("verified", Optional.of(q.key()), object), true, Optional.empty()));
  }
}
