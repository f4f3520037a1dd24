package dev.inflow.core.question;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question as one viewer sees it. The author of an anonymous question is empty for everyone but
 * tenant administrators (who need it to handle abuse); the asker still recognises their own
 * question by {@code mine}.
 *
 * @param id question id
 * @param title one line
 * @param body the Markdown as written (may be empty)
 * @param html the rendered, sanitised HTML of the body
 * @param tags 1–5 lower-case tags; unmodifiable
 * @param targetKey the business object the question is about, if any
 * @param anonymous whether the asker chose to hide their name
 * @param author who asked; empty when anonymous (except for administrators)
 * @param mine whether the viewer asked it
 * @param status where it stands
 * @param answerCount answers not deleted
 * @param acceptedAnswerId the accepted answer, if any
 * @param duplicateOf the original, when closed as a duplicate
 * @param routedTo ids of the experts and community managers it was routed to, in routing order;
 *     unmodifiable
 * @param escalationLevel how many escalation steps ran (0 until the first deadline passes unanswered)
 * @param createdAt when it was asked
 * @param editedAt when the title, body or tags last changed
 * @param version increases with every edit; the ETag
 * @param canEdit whether the viewer may edit it (the asker)
 * @param canDelete whether the viewer may delete it (the asker or a moderator)
 * @param canAnswer whether the viewer may answer it now
 * @param canModerate whether the viewer may close, reopen and accept on it as a moderator
 */
public record Question(
    String id,
    String title,
    String body,
    String html,
    List<String> tags,
    Optional<String> targetKey,
    boolean anonymous,
    Optional<Author> author,
    boolean mine,
    QuestionStatus status,
    int answerCount,
    Optional<String> acceptedAnswerId,
    Optional<String> duplicateOf,
    List<String> routedTo,
    int escalationLevel,
    Instant createdAt,
    Optional<Instant> editedAt,
    long version,
    boolean canEdit,
    boolean canDelete,
    boolean canAnswer,
    boolean canModerate) {

  public Question {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(html, "html");
    tags = List.copyOf(tags);
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(acceptedAnswerId, "acceptedAnswerId");
    Objects.requireNonNull(duplicateOf, "duplicateOf");
    routedTo = List.copyOf(routedTo);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(editedAt, "editedAt");
  }
}
