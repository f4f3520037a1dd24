package dev.inflow.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer to a question, as the signed-in user sees it.
 *
 * @param id answer id
 * @param questionId the question it answers
 * @param body the Markdown as written
 * @param html the server-rendered, sanitised HTML
 * @param author who answered
 * @param score up votes minus down votes
 * @param myVote the signed-in user's vote: 1, -1, or 0 for none
 * @param accepted whether the asker (or a moderator) accepted it
 * @param verified whether an expert verified it
 * @param verifiedBy the expert who verified it
 * @param createdAt when it was posted
 * @param editedAt when it was last edited
 * @param version increases with every edit; pass it to {@link QuestionsApi#editAnswer}
 * @param canEdit whether the signed-in user may edit it
 * @param canDelete whether the signed-in user may delete it
 * @param canVote whether the signed-in user may vote on it
 * @param canAccept whether the signed-in user may accept it
 * @param canVerify whether the signed-in user may verify it
 */
public record Answer(String id, String questionId, String body, String html, Author author, int score, int myVote,
    boolean accepted, boolean verified, Optional<Author> verifiedBy, Instant createdAt, Optional<Instant> editedAt,
    long version, boolean canEdit, boolean canDelete, boolean canVote, boolean canAccept, boolean canVerify) {
  /** @throws NullPointerException when a component is null */
  public Answer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(questionId, "questionId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(verifiedBy, "verifiedBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(editedAt, "editedAt");
  }
}
