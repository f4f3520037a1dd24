package dev.inflow.core.question.internal;

import dev.inflow.core.Caller;
import dev.inflow.core.Created;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.notification.internal.DefaultNotifications;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.AnswerRevision;
import dev.inflow.core.question.Experts;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.question.Question;
import dev.inflow.core.question.QuestionEdit;
import dev.inflow.core.question.QuestionQuery;
import dev.inflow.core.question.QuestionRevision;
import dev.inflow.core.question.QuestionSettings;
import dev.inflow.core.question.QuestionThread;
import dev.inflow.core.question.Questions;
import dev.inflow.core.question.SimilarQuestion;
import dev.inflow.core.question.Tag;
import dev.inflow.core.question.TagQueue;
import dev.inflow.core.question.TagSettings;
import dev.inflow.core.question.Vote;
import dev.inflow.core.spi.UserDirectory;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Questions on H2 or PostgreSQL; see {@link Questions} for the contract. Builds the feature's parts,
 * registers the owned target keys {@code question:} and {@code answer:} and the escalation job.
 */
public final class DefaultQuestions implements Questions, AutoCloseable {
  private final QuestionParts parts;
  private final Asking asking;
  private final Answering answering;
  private final QuestionReads reads;

  public DefaultQuestions(Platform platform, UserDirectory directory, QuestionSettings settings, DefaultNotifications notifications) {
    TagStore tags = new TagStore(platform, settings);
    QuestionAccess access = new QuestionAccess(platform, tags);
    platform.targetOwners().register(QuestionAccess.QUESTION_PREFIX, access);
    platform.targetOwners().register(QuestionAccess.ANSWER_PREFIX, access);
    ExpertDirectory experts = new ExpertDirectory(platform, directory, settings);
    Routing routing = new Routing(platform, experts, tags, access, notifications, settings);
    this.parts = new QuestionParts(platform, access, tags, experts, routing, SimilarSearch.of(platform.db()), notifications);
    this.asking = new Asking(parts);
    this.answering = new Answering(parts);
    this.reads = new QuestionReads(parts);
  }

  /** Brings search and the experts directory up to date with questions an import wrote and committed. */
  public void imported(String tenantId, List<Long> questionIds) {
    questionIds.forEach(id -> parts.search().changed(tenantId, id));
    parts.experts().changed();
  }

  /** @return the experts directory these questions route through */
  public Experts experts() {
    return parts.experts();
  }

  @Override
  public Created<Question> ask(Caller caller, NewQuestion question, Optional<String> idempotencyKey) {
    return asking.ask(caller, question, idempotencyKey);
  }

  @Override
  public Page<Question> list(Caller caller, QuestionQuery query, PageRequest page) {
    return reads.list(caller, query, page);
  }

  @Override
  public QuestionThread get(Caller caller, String questionId) {
    return reads.thread(caller, QuestionAccess.parseId("question", questionId));
  }

  @Override
  public Question edit(Caller caller, String questionId, QuestionEdit edit, OptionalLong expectedVersion) {
    return asking.edit(caller, QuestionAccess.parseId("question", questionId), edit, expectedVersion);
  }

  @Override
  public void delete(Caller caller, String questionId) {
    asking.delete(caller, QuestionAccess.parseId("question", questionId));
  }

  @Override
  public List<QuestionRevision> history(Caller caller, String questionId) {
    return reads.history(caller, QuestionAccess.parseId("question", questionId));
  }

  @Override
  public List<SimilarQuestion> similar(Caller caller, String text, List<String> tags, int limit) {
    return reads.similar(caller, text, tags, limit);
  }

  @Override
  public Question closeAsDuplicate(Caller caller, String questionId, String originalId) {
    return asking.closeAsDuplicate(caller, QuestionAccess.parseId("question", questionId), originalId);
  }

  @Override
  public Question reopen(Caller caller, String questionId) {
    return asking.reopen(caller, QuestionAccess.parseId("question", questionId));
  }

  @Override
  public Created<Answer> answer(Caller caller, String questionId, String body, Optional<String> idempotencyKey) {
    return answering.answer(caller, QuestionAccess.parseId("question", questionId), body, idempotencyKey);
  }

  @Override
  public Answer getAnswer(Caller caller, String answerId) {
    return answering.view(caller, QuestionAccess.parseId("answer", answerId));
  }

  @Override
  public Answer editAnswer(Caller caller, String answerId, String body, OptionalLong expectedVersion) {
    return answering.edit(caller, QuestionAccess.parseId("answer", answerId), body, expectedVersion);
  }

  @Override
  public void deleteAnswer(Caller caller, String answerId) {
    answering.delete(caller, QuestionAccess.parseId("answer", answerId));
  }

  @Override
  public List<AnswerRevision> answerHistory(Caller caller, String answerId) {
    return answering.history(caller, QuestionAccess.parseId("answer", answerId));
  }

  @Override
  public Answer vote(Caller caller, String answerId, Vote vote) {
    return answering.vote(caller, QuestionAccess.parseId("answer", answerId), Optional.of(vote));
  }

  @Override
  public Answer unvote(Caller caller, String answerId) {
    return answering.vote(caller, QuestionAccess.parseId("answer", answerId), Optional.empty());
  }

  @Override
  public Answer accept(Caller caller, String answerId) {
    return answering.accept(caller, QuestionAccess.parseId("answer", answerId), true);
  }

  @Override
  public Answer unaccept(Caller caller, String answerId) {
    return answering.accept(caller, QuestionAccess.parseId("answer", answerId), false);
  }

  @Override
  public Answer verify(Caller caller, String answerId) {
    return answering.verify(caller, QuestionAccess.parseId("answer", answerId), true);
  }

  @Override
  public Answer unverify(Caller caller, String answerId) {
    return answering.verify(caller, QuestionAccess.parseId("answer", answerId), false);
  }

  @Override
  public List<Tag> tags(Caller caller) {
    return parts.tags().list(caller);
  }

  @Override
  public Tag defineTag(Caller caller, String tag, TagSettings settings) {
    return parts.tags().define(caller, tag, settings);
  }

  @Override
  public List<TagQueue> communityQueue(Caller caller, Optional<String> tag) {
    return reads.communityQueue(caller, tag);
  }

  /** Saves and closes the similar-question index. */
  @Override
  public void close() {
    parts.search().close();
  }
}
