package dev.inflow.core.question;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer as one viewer sees it. Answers are never anonymous.
 *
 * @param id answer id
 * @param questionId the question it answers
 * @param body the Markdown as written
 * @param html the rendered, sanitised HTML
 * @param author who answered
 * @param score up votes minus down votes
 * @param myVote the viewer's vote: 1, -1, or 0 for none
 * @param accepted whether the asker (or a moderator) accepted it
 * @param verified whether an expert for one of the question's tags vouched for it
 * @param verifiedBy that expert, when verified
 * @param createdAt when it was posted
 * @param editedAt when it was last edited
 * @param version increases with every edit; the ETag
 * @param canEdit whether the viewer may edit it (its author)
 * @param canDelete whether the viewer may delete it (its author or a moderator)
 * @param canVote whether the viewer may vote on it (signed in, not its author)
 * @param canAccept whether the viewer may accept it (the asker or a moderator)
 * @param canVerify whether the viewer may mark it verified (an expert for one of the tags, not its author)
 */
public record Answer(
    String id,
    String questionId,
    String body,
    String html,
    Author author,
    int score,
    int myVote,
    boolean accepted,
    boolean verified,
    Optional<Author> verifiedBy,
    Instant createdAt,
    Optional<Instant> editedAt,
    long version,
    boolean canEdit,
    boolean canDelete,
    boolean canVote,
    boolean canAccept,
    boolean canVerify) {

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
