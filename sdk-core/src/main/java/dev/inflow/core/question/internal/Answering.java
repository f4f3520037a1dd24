package dev.inflow.core.question.internal;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Created;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.PreconditionFailedException;
import dev.inflow.core.User;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.idempotency.IdempotencyKeys;
import dev.inflow.core.internal.text.Markdown;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.notification.NotificationReason;
import dev.inflow.core.notification.internal.NewNotification;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.AnswerRevision;
import dev.inflow.core.question.QuestionStatus;
import dev.inflow.core.question.Vote;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Answers: posting, editing, deleting, votes, acceptance and verification. */
final class Answering {
  private final QuestionParts parts;
  private final Platform platform;

  /** An answer with the question it belongs to. */
  private record Pair(AnswerRow answer, QuestionRow question) {}

  Answering(QuestionParts parts) {
    this.parts = parts;
    this.platform = parts.platform();
  }

  Created<Answer> answer(Caller caller, long questionId, String input, Optional<String> idempotencyKey) {
    User author = caller.requireUser("answer a question");
    String body = TextInput.required("body", input, platform.limits().maxBodyChars());
    idempotencyKey.ifPresent(IdempotencyKeys::requireValid);
    platform.rateLimiter().acquireWrite(caller);
    platform.users().remember(caller.tenantId(), author);
    Markdown.Rendered rendered = parts.render(caller, body);
    String tenant = caller.tenantId();
    String requestHash = IdempotencyKeys.hash(questionId, body);
    var claim = idempotencyKey.map(key -> new IdempotencyKeys.Claim(tenant, author.id(), key, "answer.create", requestHash));
    var outcome = platform.idempotency().once(claim, sql -> {
      QuestionRow question = parts.readable(sql, caller, questionId, true);
      if (!parts.access().canWrite(caller, question)) {
        throw new AccessDeniedException("you may read but not answer question " + questionId);
      }
      if (question.status() == QuestionStatus.CLOSED) {
        throw new ConflictException("question " + questionId + " was closed as a duplicate of question "
            + question.duplicateOf().map(String::valueOf).orElse("another") + "; answer there");
      }
      long id = sql.nextValue("inflow_answer_seq");
      Instant now = platform.now();
      AnswerStore.insert(sql, tenant, id, questionId, author.id(), body, rendered.html(), String.join(",", rendered.mentions()), now);
      sql.update("UPDATE inflow_question SET first_answer_at = COALESCE(first_answer_at, ?) WHERE tenant_id = ? AND id = ?",
          now, tenant, questionId);
      QuestionStatus status = refreshQuestion(sql, tenant, question);
      AnswerRow answer = AnswerStore.find(sql, tenant, id).orElseThrow();
      parts.notifications().send(sql, tenant, new NewNotification(question.author().id(), NotificationReason.ANSWER_POSTED,
          Optional.of(questionId), Optional.of(id), QuestionAccess.answerKey(id), question.title(), Optional.of(author.id())));
      parts.mentioned(sql, tenant, question, rendered.mentions(), Optional.of(id), Optional.of(author.id()));
      parts.hook().answered(sql, tenant, QuestionParts.about(question), id, Author.of(author), body);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("answer", QuestionView.answerForEveryone(answer));
      payload.put("question", state(sql, tenant, questionId, status));
      parts.event(sql, tenant, question, "answer.created", payload);
      return answer;
    }, AnswerRow::idString);
    if (outcome instanceof IdempotencyKeys.Outcome.Replayed<AnswerRow> earlier) {
      return new Created<>(view(caller, Long.parseLong(earlier.resourceId())), true);
    }
    AnswerRow answer = ((IdempotencyKeys.Outcome.Done<AnswerRow>) outcome).value();
    parts.afterChange(tenant, questionId);
    platform.metrics().increment("inflow_answers_posted_total", "Answers posted", "tenant", tenant);
    return new Created<>(view(caller, answer.id()), false);
  }

  Answer edit(Caller caller, long id, String input, OptionalLong expectedVersion) {
    User editor = caller.requireUser("edit an answer");
    String body = TextInput.required("body", input, platform.limits().maxBodyChars());
    platform.rateLimiter().acquireWrite(caller);
    Markdown.Rendered rendered = parts.render(caller, body);
    String tenant = caller.tenantId();
    boolean changed = platform.db().transaction(sql -> {
      Pair pair = readable(sql, caller, id, true);
      AnswerRow row = pair.answer();
      if (!row.author().id().equals(editor.id())) {
        throw new AccessDeniedException("only the author can edit an answer");
      }
      if (expectedVersion.isPresent() && expectedVersion.getAsLong() != row.version()) {
        throw new PreconditionFailedException("answer " + id, row.version());
      }
      if (row.body().equals(body)) {
        return false;
      }
      AnswerStore.saveRevision(sql, tenant, row);
      AnswerStore.updateText(sql, tenant, id, body, rendered.html(), String.join(",", rendered.mentions()), platform.now());
      parts.event(sql, tenant, pair.question(), "answer.edited",
          Map.of("answer", QuestionView.answerForEveryone(AnswerStore.find(sql, tenant, id).orElseThrow())));
      return true;
    });
    if (changed) {
      platform.events().committed(tenant);
    }
    return view(caller, id);
  }

  void delete(Caller caller, long id) {
    User user = caller.requireUser("delete an answer");
    String tenant = caller.tenantId();
    Optional<Long> questionId = platform.db().transaction(sql -> {
      Optional<AnswerRow> found = AnswerStore.lock(sql, tenant, id);
      if (found.isPresent() && found.get().deleted() && found.get().author().id().equals(user.id())) {
        return Optional.empty();
      }
      Pair pair = readable(sql, caller, id, false);
      QuestionRow question = QuestionStore.lock(sql, tenant, pair.question().id()).orElseThrow();
      if (!pair.answer().author().id().equals(user.id()) && !parts.access().canModerate(caller, question)) {
        throw new AccessDeniedException("only the author or a moderator can delete an answer");
      }
      sql.update("UPDATE inflow_answer SET deleted_at = ?, deleted_by = ?, accepted = FALSE WHERE tenant_id = ? AND id = ?",
          platform.now(), user.id(), tenant, id);
      QuestionStatus status = refreshQuestion(sql, tenant, question);
      if (status == QuestionStatus.OPEN && question.status() != QuestionStatus.OPEN) {
        parts.routing().resume(sql, tenant, question);
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("id", Long.toString(id));
      payload.put("questionId", question.idString());
      payload.put("question", state(sql, tenant, question.id(), status));
      parts.event(sql, tenant, question, "answer.deleted", payload);
      return Optional.of(question.id());
    });
    questionId.ifPresent(q -> {
      parts.access().forgetAnswer(tenant, id);
      parts.experts().changed();
      parts.afterChange(tenant, q);
    });
  }

  List<AnswerRevision> history(Caller caller, long id) {
    return platform.db().read(sql -> {
      AnswerRow row = readable(sql, caller, id, false).answer();
      List<AnswerRevision> revisions = new ArrayList<>(sql.list("SELECT version, body, html, created_at FROM inflow_answer_revision"
          + " WHERE tenant_id = ? AND answer_id = ? ORDER BY version", r -> new AnswerRevision(r.longValue("version"), r.string("body"),
              r.string("html"), row.author(), r.instant("created_at")), caller.tenantId(), id));
      revisions.add(new AnswerRevision(row.version(), row.body(), row.html(), row.author(), row.editedAt().orElse(row.createdAt())));
      return revisions;
    });
  }

  Answer vote(Caller caller, long id, Optional<Vote> vote) {
    User user = caller.requireUser("vote");
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    boolean changed = platform.db().transaction(sql -> {
      Pair pair = readable(sql, caller, id, true);
      if (!parts.access().canWrite(caller, pair.question())) {
        throw new AccessDeniedException("you may read but not vote on question " + pair.question().id());
      }
      if (pair.answer().author().id().equals(user.id())) {
        throw new AccessDeniedException("you cannot vote on your own answer");
      }
      Optional<Integer> existing = AnswerStore.voteOf(sql, tenant, id, user.id());
      if (vote.isPresent() && existing.isPresent() && existing.get() == vote.get().value()) {
        throw new ConflictException("you already voted " + vote.get().name().toLowerCase(java.util.Locale.ROOT)
            + " on answer " + id + "; one vote per answer (take it back with DELETE, or vote the other way)");
      }
      if (vote.isEmpty() && existing.isEmpty()) {
        return false;
      }
      if (existing.isPresent()) {
        sql.update("DELETE FROM inflow_answer_vote WHERE tenant_id = ? AND answer_id = ? AND user_id = ?", tenant, id, user.id());
      }
      if (vote.isPresent()) {
        sql.update("INSERT INTO inflow_answer_vote (tenant_id, answer_id, user_id, vote, created_at) VALUES (?, ?, ?, ?, ?)",
            tenant, id, user.id(), vote.get().value(), platform.now());
      }
      AnswerStore.refreshScore(sql, tenant, id);
      AnswerRow after = AnswerStore.find(sql, tenant, id).orElseThrow();
      parts.event(sql, tenant, pair.question(), "answer.voted",
          Map.of("id", after.idString(), "questionId", Long.toString(after.questionId()), "score", after.score()));
      return true;
    });
    if (changed) {
      parts.experts().changed();
      platform.events().committed(tenant);
    }
    return view(caller, id);
  }

  Answer accept(Caller caller, long id, boolean accept) {
    caller.requireUser("accept an answer");
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    Optional<Long> questionId = platform.db().transaction(sql -> {
      Pair pair = readable(sql, caller, id, true);
      QuestionRow question = QuestionStore.lock(sql, tenant, pair.question().id()).orElseThrow();
      boolean asker = QuestionView.isAsker(question, caller);
      if (!asker && !parts.access().canModerate(caller, question)) {
        throw new AccessDeniedException("only the person who asked (or a moderator) can accept an answer");
      }
      if (question.status() == QuestionStatus.CLOSED) {
        throw new ConflictException("question " + question.id() + " is closed");
      }
      if (pair.answer().accepted() == accept) {
        return Optional.empty();
      }
      Instant now = platform.now();
      if (accept) {
        sql.update("UPDATE inflow_answer SET accepted = FALSE, accepted_at = NULL WHERE tenant_id = ? AND question_id = ? AND accepted = TRUE",
            tenant, question.id());
      }
      sql.update("UPDATE inflow_answer SET accepted = ?, accepted_at = ? WHERE tenant_id = ? AND id = ?", accept, accept ? now : null, tenant, id);
      sql.update("UPDATE inflow_question SET accepted_at = ? WHERE tenant_id = ? AND id = ?", accept ? now : null, tenant, question.id());
      QuestionStatus status = refreshQuestion(sql, tenant, question);
      if (accept) {
        Optional<String> actor = asker ? QuestionView.askerAsActor(question) : caller.userId();
        parts.notifications().send(sql, tenant, new NewNotification(pair.answer().author().id(), NotificationReason.ANSWER_ACCEPTED,
            Optional.of(question.id()), Optional.of(id), QuestionAccess.answerKey(id), question.title(), actor));
        parts.hook().accepted(sql, tenant, QuestionParts.about(question), id,
            asker ? QuestionParts.about(question).shownAsker() : caller.user().map(Author::of));
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("id", Long.toString(id));
      payload.put("questionId", question.idString());
      payload.put("question", state(sql, tenant, question.id(), status));
      parts.event(sql, tenant, question, accept ? "answer.accepted" : "answer.unaccepted", payload);
      return Optional.of(question.id());
    });
    questionId.ifPresent(q -> {
      parts.experts().changed();
      parts.afterChange(tenant, q);
    });
    return view(caller, id);
  }

  Answer verify(Caller caller, long id, boolean verify) {
    User user = caller.requireUser("verify an answer");
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    boolean changed = platform.db().transaction(sql -> {
      Pair pair = readable(sql, caller, id, true);
      AnswerRow answer = pair.answer();
      QuestionRow question = pair.question();
      if (verify) {
        if (!parts.experts().isDeclaredExpert(tenant, user, question.tags())) {
          throw new AccessDeniedException("only experts for " + String.join(" or ", question.tags()) + " can verify answers to this question");
        }
        if (answer.author().id().equals(user.id())) {
          throw new AccessDeniedException("you cannot verify your own answer; another expert can");
        }
        if (answer.verified()) {
          return false;
        }
      } else {
        if (!answer.verified()) {
          return false;
        }
        if (!answer.verifiedBy().map(Author::id).orElse("").equals(user.id()) && !parts.access().canModerate(caller, question)) {
          throw new AccessDeniedException("only the expert who verified the answer (or a moderator) can take it back");
        }
      }
      sql.update("UPDATE inflow_answer SET verified_by = ?, verified_at = ? WHERE tenant_id = ? AND id = ?",
          verify ? user.id() : null, verify ? platform.now() : null, tenant, id);
      if (verify) {
        parts.notifications().send(sql, tenant, new NewNotification(answer.author().id(), NotificationReason.ANSWER_VERIFIED,
            Optional.of(question.id()), Optional.of(id), QuestionAccess.answerKey(id), question.title(), Optional.of(user.id())));
        parts.hook().verified(sql, tenant, QuestionParts.about(question), id, Author.of(user));
      }
      AnswerRow after = AnswerStore.find(sql, tenant, id).orElseThrow();
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("id", after.idString());
      payload.put("questionId", question.idString());
      payload.put("verifiedBy", after.verifiedBy().orElse(null));
      parts.event(sql, tenant, question, verify ? "answer.verified" : "answer.unverified", payload);
      return true;
    });
    if (changed) {
      parts.experts().changed();
      platform.events().committed(tenant);
    }
    return view(caller, id);
  }

  /** @return the answer as the caller sees it now */
  Answer view(Caller caller, long id) {
    return platform.db().read(sql -> {
      Pair pair = readable(sql, caller, id, false);
      Map<Long, Integer> votes = caller.userId().isPresent()
          ? AnswerStore.votesOf(sql, caller.tenantId(), caller.userId().get(), List.of(id)) : Map.of();
      boolean expert = caller.user().map(u -> parts.experts().isDeclaredExpert(caller.tenantId(), u, pair.question().tags())).orElse(false);
      return QuestionView.answer(pair.answer(), pair.question(), caller, parts.access(), expert, votes);
    });
  }

  private Pair readable(Sql sql, Caller caller, long id, boolean lock) throws SQLException {
    String tenant = caller.tenantId();
    Optional<AnswerRow> answer = lock ? AnswerStore.lock(sql, tenant, id) : AnswerStore.find(sql, tenant, id);
    if (answer.isEmpty() || answer.get().deleted()) {
      throw Platform.unreadable(caller, "answer " + id);
    }
    Optional<QuestionRow> question = QuestionStore.find(sql, tenant, answer.get().questionId());
    if (question.isEmpty() || !parts.access().canRead(caller, question.get())) {
      throw caller.signedIn() ? new NotFoundException("answer " + id) : Platform.unreadable(caller, "answer " + id);
    }
    return new Pair(answer.get(), question.get());
  }

  /** Recounts answers and the accepted one into the question's status. @return the new status */
  private static QuestionStatus refreshQuestion(Sql sql, String tenant, QuestionRow question) throws SQLException {
    int count = AnswerStore.liveCount(sql, tenant, question.id());
    Optional<Long> accepted = sql.one("SELECT id FROM inflow_answer WHERE tenant_id = ? AND question_id = ? AND accepted = TRUE"
        + " AND deleted_at IS NULL", row -> row.longValue("id"), tenant, question.id());
    QuestionStatus status = question.status() == QuestionStatus.CLOSED ? QuestionStatus.CLOSED
        : accepted.isPresent() ? QuestionStatus.ACCEPTED : count > 0 ? QuestionStatus.ANSWERED : QuestionStatus.OPEN;
    QuestionStore.updateState(sql, tenant, question.id(), status, count, accepted);
    return status;
  }

  /** The question's state after an answer changed, for event payloads. */
  private static Map<String, Object> state(Sql sql, String tenant, long questionId, QuestionStatus status) throws SQLException {
    QuestionRow row = QuestionStore.find(sql, tenant, questionId).orElseThrow();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("id", row.idString());
    state.put("status", status);
    state.put("answerCount", row.answerCount());
    state.put("acceptedAnswerId", row.acceptedAnswerId().map(String::valueOf).orElse(null));
    return state;
  }
}
