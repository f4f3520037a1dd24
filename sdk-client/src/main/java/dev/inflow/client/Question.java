package dev.inflow.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question as the signed-in user sees it. The author of an anonymous question is empty for
 * everyone but administrators; the asker recognises their own question by {@code mine}.
 *
 * @param id question id
 * @param title one line
 * @param body the Markdown as written (may be empty)
 * @param html the server-rendered, sanitised HTML of the body
 * @param tags 1 to 5 lower-case tags; unmodifiable
 * @param targetKey the business object the question is about, if any
 * @param anonymous whether the asker hid their name
 * @param author who asked; empty when anonymous
 * @param mine whether the signed-in user asked it
 * @param status where it stands
 * @param answerCount answers not deleted
 * @param acceptedAnswerId the accepted answer, if any
 * @param duplicateOf the original, when closed as a duplicate
 * @param routedTo ids of the experts it was routed to, in routing order; unmodifiable
 * @param escalationLevel escalation steps that ran (0 until a deadline passes unanswered)
 * @param createdAt when it was asked
 * @param editedAt when title, body or tags last changed
 * @param version increases with every edit; pass it to {@link QuestionsApi#edit}
 * @param canEdit whether the signed-in user may edit it
 * @param canDelete whether the signed-in user may delete it
 * @param canAnswer whether the signed-in user may answer it now
 * @param canModerate whether the signed-in user may close, reopen and accept on it as a moderator
 */
public record Question(String id, String title, String body, String html, List<String> tags, Optional<String> targetKey,
    boolean anonymous, Optional<Author> author, boolean mine, QuestionStatus status, int answerCount,
    Optional<String> acceptedAnswerId, Optional<String> duplicateOf, List<String> routedTo, int escalationLevel,
    Instant createdAt, Optional<Instant> editedAt, long version, boolean canEdit, boolean canDelete, boolean canAnswer,
    boolean canModerate) {
  /** @throws NullPointerException when a component is null */
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
