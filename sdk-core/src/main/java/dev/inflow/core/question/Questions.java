package dev.inflow.core.question;

import dev.inflow.core.Caller;
import dev.inflow.core.Created;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Ask an expert: questions with tags, routed to the people who know, escalated when nobody
 * answers in time; answers with votes, acceptance and expert verification.
 *
 * <p>A question about a target is readable by whoever may read the target (the host's
 * {@link dev.inflow.core.spi.AccessPolicy}); a question about no target by every signed-in user of
 * the tenant. A question the caller may not read is a {@link dev.inflow.core.NotFoundException}, a
 * write the caller may not make an {@link dev.inflow.core.AccessDeniedException}, bad input an
 * {@link dev.inflow.core.InvalidInputException} naming the field, and nothing changes on any of
 * them. Comments on questions and answers use {@link dev.inflow.core.comment.Comments} with the
 * target keys {@code question:{id}} and {@code answer:{id}}, which follow the question's visibility.
 *
 * <p>Thread-safe.
 */
public interface Questions {
  /**
   * Asks a question and routes it to the best available experts for its tags.
   *
   * @param idempotencyKey when present, a retry with the same key and request returns the first
   *     question instead of asking again
   */
  Created<Question> ask(Caller caller, NewQuestion question, Optional<String> idempotencyKey);

  /** @return a page of readable questions, newest first */
  Page<Question> list(Caller caller, QuestionQuery query, PageRequest page);

  /** @return the question with its answers in display order */
  QuestionThread get(Caller caller, String questionId);

  /**
   * Changes one's own question; the old version goes to the history.
   *
   * @param expectedVersion when present, the edit is refused with
   *     {@link dev.inflow.core.PreconditionFailedException} unless the question is at this version
   */
  Question edit(Caller caller, String questionId, QuestionEdit edit, OptionalLong expectedVersion);

  /** Deletes one's own question, or any as a moderator; its answers go with it. Deleting twice does nothing. */
  void delete(Caller caller, String questionId);

  /** @return every version of the question, oldest first, the current one last */
  List<QuestionRevision> history(Caller caller, String questionId);

  /**
   * Existing questions that look like the text, best first: words are stemmed, matches in titles
   * weigh more than in bodies, and shared tags count.
   *
   * @param text what the person typed so far; fewer than 3 letters find nothing
   * @param tags tags chosen so far, may be empty
   * @param limit 1–20
   */
  List<SimilarQuestion> similar(Caller caller, String text, List<String> tags, int limit);

  /** Closes a question as a duplicate of another; moderators only. */
  Question closeAsDuplicate(Caller caller, String questionId, String originalId);

  /** Reopens a closed question; moderators only. */
  Question reopen(Caller caller, String questionId);

  /**
   * Answers a question.
   *
   * @param idempotencyKey as for {@link #ask}
   */
  Created<Answer> answer(Caller caller, String questionId, String body, Optional<String> idempotencyKey);

  /** @return one answer */
  Answer getAnswer(Caller caller, String answerId);

  /** Changes one's own answer, as {@link #edit} does for questions. */
  Answer editAnswer(Caller caller, String answerId, String body, OptionalLong expectedVersion);

  /** Deletes one's own answer, or any as a moderator. Deleting twice does nothing. */
  void deleteAnswer(Caller caller, String answerId);

  /** @return every version of the answer's text, oldest first */
  List<AnswerRevision> answerHistory(Caller caller, String answerId);

  /**
   * Votes on someone else's answer. Changing one's vote is allowed; the same vote again is a
   * {@link dev.inflow.core.ConflictException}.
   */
  Answer vote(Caller caller, String answerId, Vote vote);

  /** Takes one's vote back; nothing happens without a vote. */
  Answer unvote(Caller caller, String answerId);

  /** Accepts an answer; only the asker or a moderator. Accepting another answer moves the mark. */
  Answer accept(Caller caller, String answerId);

  /** Takes the acceptance back; only the asker or a moderator. */
  Answer unaccept(Caller caller, String answerId);

  /** Marks an answer verified; only experts for one of the question's tags, not on their own answer. */
  Answer verify(Caller caller, String answerId);

  /** Takes the verification back; the expert who verified, or a moderator. */
  Answer unverify(Caller caller, String answerId);

  /** @return the tenant's tags, most used first */
  List<Tag> tags(Caller caller);

  /** Creates or changes a tag; administrators only. */
  Tag defineTag(Caller caller, String tag, TagSettings settings);

  /**
   * The community-manager view: per tag the caller manages (moderators and administrators: every
   * tag), questions still waiting for a first answer, oldest first.
   *
   * @param tag one tag only, if present
   */
  List<TagQueue> communityQueue(Caller caller, Optional<String> tag);
}
