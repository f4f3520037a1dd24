package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.CommentJson;
import dev.inflow.client.internal.IdempotencyKeys;
import dev.inflow.client.internal.Paging;
import dev.inflow.client.internal.ResourceJson;
import dev.inflow.client.internal.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Ask an expert: questions, answers, votes, acceptance and verification, from
 * {@link InflowClient#questions()}. Every call acts as the user whose token the client sends.
 *
 * <p>Every method throws the {@link InflowApiException} subclass for its failure: most often
 * {@link NotFoundException} for a question or answer the user may not see, {@link ForbiddenException}
 * for a change they may not make (accepting on someone else's question), and
 * {@link InvalidRequestException} naming the field the server refused.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class QuestionsApi {
  private final Transport transport;

  QuestionsApi(Transport transport) {
    this.transport = transport;
  }

  /** @return the first page of every question the user may read, newest first */
  public Page<Question> list() {
    return list(QuestionQuery.all());
  }

  /**
   * @param query scope, filters, page size and cursor
   * @return one page of questions, newest first
   */
  public Page<Question> list(QuestionQuery query) {
    ApiCall call = ApiCall.get(ApiPath.v1("questions")).query("scope", query.scope().wireName())
        .query("limit", Integer.toString(query.page().limit()));
    if (query.tag().isPresent()) {
      call = call.query("tag", query.tag().get());
    }
    if (query.status().isPresent()) {
      call = call.query("status", query.status().get().wireName());
    }
    if (query.targetKey().isPresent()) {
      call = call.query("target", query.targetKey().get());
    }
    if (query.page().cursor().isPresent()) {
      call = call.query("cursor", query.page().cursor().get());
    }
    return transport.call(call, CommentJson.page(ResourceJson::question));
  }

  /**
   * Every question matching the query, fetched page by page as the stream is consumed.
   *
   * @param query filters and page size; a cursor starts the stream at that page
   */
  public Stream<Question> stream(QuestionQuery query) {
    return Paging.stream(query.page().cursor(), cursor -> list(query.at(cursor)));
  }

  /**
   * Asks a question, routed to the experts for its tags. The call carries a fresh
   * {@code Idempotency-Key}, the same on every retry, so it is never asked twice.
   *
   * @return the question as asked, with whom it was routed to
   * @throws InvalidRequestException for a blank title ({@code title}) or bad tags ({@code tags})
   */
  public Question ask(NewQuestion question) {
    return ask(question, IdempotencyKeys.fresh());
  }

  /**
   * Asks a question with the caller's own idempotency key, for callers that may repeat the whole call.
   *
   * @param idempotencyKey 1 to 255 visible ASCII characters
   * @throws ConflictException when the key was used for a different question
   */
  public Question ask(NewQuestion question, String idempotencyKey) {
    Objects.requireNonNull(question, "question");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", question.title());
    body.put("body", question.body());
    body.put("tags", question.tags());
    question.targetKey().ifPresent(key -> body.put("targetKey", key));
    body.put("anonymous", question.anonymous());
    question.targetTitle().ifPresent(title -> body.put("targetTitle", title));
    question.targetUrl().ifPresent(url -> body.put("targetUrl", url));
    return transport.call(ApiCall.post(ApiPath.v1("questions"), body).idempotencyKey(IdempotencyKeys.require(idempotencyKey)),
        ResourceJson::question);
  }

  /**
   * Questions like the one being typed, to show before someone asks again.
   *
   * @param text the words typed so far
   * @param tags tags chosen so far (may be empty)
   * @param limit at most this many, 1 to 20
   * @return the best matches first; unmodifiable
   */
  public List<SimilarQuestion> similar(String text, List<String> tags, int limit) {
    Objects.requireNonNull(text, "text");
    ApiCall call = ApiCall.get(ApiPath.v1("questions", "similar")).query("q", text).query("limit", Integer.toString(limit));
    if (!tags.isEmpty()) {
      call = call.query("tags", String.join(",", tags));
    }
    return List.copyOf(transport.call(call, ResourceJson.list(ResourceJson::similar)));
  }

  /** @return the question with its answers, accepted first */
  public QuestionThread get(String questionId) {
    return transport.call(ApiCall.get(question(questionId)), ResourceJson::thread);
  }

  /**
   * Changes one's own question unless it changed since it was read. Not retried once sent.
   *
   * @param expectedVersion the {@link Question#version()} the edit is based on
   * @return the question after the edit
   * @throws PreconditionFailedException when the question is no longer at that version
   */
  public Question edit(String questionId, QuestionEdit edit, long expectedVersion) {
    Map<String, Object> body = new LinkedHashMap<>();
    edit.title().ifPresent(t -> body.put("title", t));
    edit.body().ifPresent(b -> body.put("body", b));
    edit.tags().ifPresent(t -> body.put("tags", t));
    return transport.call(ApiCall.patch(question(questionId), body).header("If-Match", etag(expectedVersion)), ResourceJson::question);
  }

  /** Deletes one's own question, or any as a moderator. */
  public void delete(String questionId) {
    transport.call(ApiCall.delete(question(questionId)), null);
  }

  /** @return every version of the question, oldest first; unmodifiable */
  public List<QuestionRevision> history(String questionId) {
    return List.copyOf(transport.call(ApiCall.get(question(questionId).then("history")), ResourceJson.list(ResourceJson::questionRevision)));
  }

  /**
   * Answers a question; carries a fresh {@code Idempotency-Key} so a retry never answers twice.
   *
   * @return the answer as posted
   * @throws InvalidRequestException for a blank body ({@code body})
   * @throws ConflictException when the question is closed
   */
  public Answer answer(String questionId, String body) {
    return answer(questionId, body, IdempotencyKeys.fresh());
  }

  /**
   * Answers a question with the caller's own idempotency key (a chat bot relaying a message id, say).
   *
   * @param idempotencyKey 1 to 255 visible ASCII characters
   */
  public Answer answer(String questionId, String body, String idempotencyKey) {
    Objects.requireNonNull(body, "body");
    ApiCall call = ApiCall.post(question(questionId).then("answers"), Map.of("body", body))
        .idempotencyKey(IdempotencyKeys.require(idempotencyKey));
    return transport.call(call, ResourceJson::answer);
  }

  /**
   * Closes a question as a duplicate of another, as a moderator. Not retried once sent: a repeat
   * of a close that did arrive would be refused as already closed.
   *
   * @return the question after closing
   * @throws ConflictException when it is closed already
   */
  public Question closeAsDuplicate(String questionId, String originalId) {
    Objects.requireNonNull(originalId, "originalId");
    return transport.call(ApiCall.post(question(questionId).then("close"), Map.of("duplicateOf", originalId)), ResourceJson::question);
  }

  /**
   * Reopens a closed question, as a moderator. Not retried once sent, like {@link #closeAsDuplicate}.
   *
   * @return the question after reopening it
   * @throws ConflictException when it is not closed
   */
  public Question reopen(String questionId) {
    return transport.call(ApiCall.post(question(questionId).then("reopen"), null), ResourceJson::question);
  }

  /** @return the answer with the id */
  public Answer getAnswer(String answerId) {
    return transport.call(ApiCall.get(answer(answerId)), ResourceJson::answer);
  }

  /**
   * Changes one's own answer unless it changed since it was read. Not retried once sent.
   *
   * @throws PreconditionFailedException when the answer is no longer at that version
   */
  public Answer editAnswer(String answerId, String body, long expectedVersion) {
    Objects.requireNonNull(body, "body");
    return transport.call(ApiCall.patch(answer(answerId), Map.of("body", body)).header("If-Match", etag(expectedVersion)),
        ResourceJson::answer);
  }

  /** Deletes one's own answer, or any as a moderator. */
  public void deleteAnswer(String answerId) {
    transport.call(ApiCall.delete(answer(answerId)), null);
  }

  /** @return every version of the answer's text, oldest first; unmodifiable */
  public List<CommentRevision> answerHistory(String answerId) {
    return List.copyOf(transport.call(ApiCall.get(answer(answerId).then("history")),
        ResourceJson.list(CommentJson::revision)));
  }

  /**
   * Votes on an answer; voting the other way replaces the vote. Not retried once sent, although
   * it is a PUT: the server refuses the same vote twice, so a repeat of a vote that did arrive
   * would turn a success into a {@link ConflictException}.
   *
   * @return the answer with its score after the vote
   * @throws ForbiddenException when voting on one's own answer
   * @throws ConflictException when the user already voted this way
   */
  public Answer vote(String answerId, Vote vote) {
    return transport.call(new ApiCall("PUT", answer(answerId).then("vote"), Map.of(), Map.of("value", vote.wireName()), Map.of(), false),
        ResourceJson::answer);
  }

  /** @return the answer after taking the user's vote back */
  public Answer unvote(String answerId) {
    return transport.call(ApiCall.delete(answer(answerId).then("vote")), ResourceJson::answer);
  }

  /**
   * Accepts an answer, as the asker or a moderator; accepting another replaces it.
   *
   * @throws ForbiddenException when the user did not ask the question and is no moderator
   */
  public Answer accept(String answerId) {
    return transport.call(ApiCall.post(answer(answerId).then("accept"), null).asRepeatable(), ResourceJson::answer);
  }

  /** @return the answer after taking the acceptance back */
  public Answer unaccept(String answerId) {
    return transport.call(ApiCall.delete(answer(answerId).then("accept")), ResourceJson::answer);
  }

  /**
   * Marks an answer verified, as an expert for one of the question's tags.
   *
   * @throws ForbiddenException when the user is no expert for the question's tags
   */
  public Answer verify(String answerId) {
    return transport.call(ApiCall.post(answer(answerId).then("verify"), null).asRepeatable(), ResourceJson::answer);
  }

  /** @return the answer after taking the verification back */
  public Answer unverify(String answerId) {
    return transport.call(ApiCall.delete(answer(answerId).then("verify")), ResourceJson::answer);
  }

  private static ApiPath question(String id) {
    return ApiPath.v1("questions").segment("questionId", id);
  }

  private static ApiPath answer(String id) {
    return ApiPath.v1("answers").segment("answerId", id);
  }

  private static String etag(long version) {
    return "\"" + version + "\"";
  }
}
