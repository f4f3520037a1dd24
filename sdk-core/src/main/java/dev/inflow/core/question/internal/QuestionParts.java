package dev.inflow.core.question.internal;

import dev.inflow.core.Caller;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.text.Markdown;
import dev.inflow.core.notification.NotificationReason;
import dev.inflow.core.notification.internal.DefaultNotifications;
import dev.inflow.core.notification.internal.NewNotification;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the parts of the questions feature share, with the few steps every write takes: find a
 * question the caller may read, record an event on its live topic, tell the search and the live
 * channel after the commit.
 */
record QuestionParts(
    Platform platform,
    QuestionAccess access,
    TagStore tags,
    ExpertDirectory experts,
    Routing routing,
    SimilarSearch search,
    DefaultNotifications notifications,
    QuestionHook hook) {

  /** @return the question as other features (the feed) see it */
  static QuestionHook.AboutQuestion about(QuestionRow row) {
    return new QuestionHook.AboutQuestion(row.id(), row.key(), row.title(), row.tags(), row.author(), row.anonymous());
  }

  /** @return the question, if the caller may read it; otherwise "not found" (or "sign in") */
  QuestionRow readable(Sql sql, Caller caller, long id, boolean lock) throws SQLException {
    Optional<QuestionRow> row = lock ? QuestionStore.lock(sql, caller.tenantId(), id) : QuestionStore.find(sql, caller.tenantId(), id);
    if (row.isEmpty() || !access.canRead(caller, row.get())) {
      throw Platform.unreadable(caller, "question " + id);
    }
    return row.get();
  }

  /** Records an event on the question's live topic {@code question:{id}}. */
  void event(Sql sql, String tenant, QuestionRow row, String kind, Object payload) throws SQLException {
    platform.events().append(sql, tenant, "question:" + row.id(), kind, Optional.of(row.key()), payload);
  }

  /** After a committed change of a question: wake live delivery, update the search. */
  void afterChange(String tenant, long questionId) {
    platform.events().committed(tenant);
    search.changed(tenant, questionId);
  }

  /**
   * Tells the people a question or answer mentions. The notification is about the answer when
   * there is one, so that it follows the answer's access rules.
   *
   * @param actor who mentioned them, empty for the anonymous asker
   */
  void mentioned(Sql sql, String tenant, QuestionRow question, List<String> mentions, Optional<Long> answerId, Optional<String> actor)
      throws SQLException {
    for (String mentioned : mentions) {
      notifications.send(sql, tenant, new NewNotification(mentioned, NotificationReason.MENTIONED, Optional.of(question.id()), answerId,
          answerId.map(QuestionAccess::answerKey).orElse(question.key()), question.title(), actor));
    }
  }

  Markdown.Rendered render(Caller caller, String text) {
    return platform.markdown().render(text, ids -> platform.users().resolveMentions(caller.tenantId(), ids));
  }
}
