package dev.inflow.core.question.internal;

import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.Role;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.Question;
import dev.inflow.core.question.QuestionStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shapes stored questions and answers for one viewer. This is the one place that decides whether
 * the author of an anonymous question is shown: only to tenant administrators. Everything that
 * leaves Inflow (API answers, events, notifications) is made here or carries no author at all.
 */
final class QuestionView {
  private QuestionView() {}

  /** @return the author as the viewer may see it: empty on anonymous questions unless the viewer is an administrator */
  static Optional<Author> visibleAuthor(QuestionRow row, Caller viewer) {
    return !row.anonymous() || viewer.hasRole(Role.ADMIN) ? Optional.of(row.author()) : Optional.empty();
  }

  /** @return the actor to name in events and notifications about something the asker did */
  static Optional<String> askerAsActor(QuestionRow row) {
    return row.anonymous() ? Optional.empty() : Optional.of(row.author().id());
  }

  static boolean isAsker(QuestionRow row, Caller viewer) {
    return viewer.userId().map(row.author().id()::equals).orElse(false);
  }

  static Question question(QuestionRow row, Caller viewer, List<String> routedTo, QuestionAccess access) {
    boolean mine = isAsker(row, viewer);
    boolean moderator = access.canModerate(viewer, row);
    return new Question(
        row.idString(),
        row.title(),
        row.body(),
        row.html(),
        row.tags(),
        row.targetKey(),
        row.anonymous(),
        visibleAuthor(row, viewer),
        mine,
        row.status(),
        row.answerCount(),
        row.acceptedAnswerId().map(String::valueOf),
        row.duplicateOf().map(String::valueOf),
        routedTo,
        row.routingStep(),
        row.createdAt(),
        row.editedAt(),
        row.version(),
        mine && !row.deleted(),
        !row.deleted() && (mine || moderator),
        row.status() != QuestionStatus.CLOSED && access.canWrite(viewer, row),
        moderator);
  }

  /** The question as any reader sees it, for events delivered to many viewers. */
  static Question forEveryone(QuestionRow row, List<String> routedTo) {
    Caller nobody = Caller.anonymous(Caller.DEFAULT_TENANT);
    return new Question(row.idString(), row.title(), row.body(), row.html(), row.tags(), row.targetKey(), row.anonymous(),
        visibleAuthor(row, nobody), false, row.status(), row.answerCount(), row.acceptedAnswerId().map(String::valueOf),
        row.duplicateOf().map(String::valueOf), routedTo, row.routingStep(), row.createdAt(), row.editedAt(), row.version(),
        false, false, false, false);
  }

  /**
   * @param expert whether the viewer is an expert for one of the question's tags
   * @param myVotes the viewer's votes by answer id
   */
  static Answer answer(AnswerRow a, QuestionRow q, Caller viewer, QuestionAccess access, boolean expert, Map<Long, Integer> myVotes) {
    boolean author = viewer.userId().map(a.author().id()::equals).orElse(false);
    boolean moderator = access.canModerate(viewer, q);
    boolean writable = access.canWrite(viewer, q) && !a.deleted();
    boolean open = q.status() != QuestionStatus.CLOSED;
    return new Answer(
        a.idString(),
        Long.toString(a.questionId()),
        a.body(),
        a.html(),
        a.author(),
        a.score(),
        myVotes.getOrDefault(a.id(), 0),
        a.accepted(),
        a.verified(),
        a.verifiedBy(),
        a.createdAt(),
        a.editedAt(),
        a.version(),
        author && !a.deleted(),
        !a.deleted() && (author || moderator),
        writable && !author,
        writable && open && (isAsker(q, viewer) || moderator),
        writable && expert && !author);
  }

  /** The answer as any reader sees it, for events. */
  static Answer answerForEveryone(AnswerRow a) {
    return new Answer(a.idString(), Long.toString(a.questionId()), a.body(), a.html(), a.author(), a.score(), 0, a.accepted(),
        a.verified(), a.verifiedBy(), a.createdAt(), a.editedAt(), a.version(), false, false, false, false, false);
  }
}
