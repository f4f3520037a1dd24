package dev.inflow.core.question;

import dev.inflow.core.Author;
import java.util.List;
import java.util.Objects;

/**
 * A person who knows about some tags, as the experts directory ranks them.
 *
 * @param user who
 * @param declaredTags tags they declared or were given by an administrator; unmodifiable
 * @param score how strongly they match the asked tag (or all tags): declared expertise plus answers
 *     accepted, verified and up-voted, each weighing less as it ages
 * @param reasons why, strongest first; unmodifiable
 * @param away whether they said they are away (away experts get no questions routed)
 * @param openQuestions questions routed to them that still wait for a first answer
 */
public record Expert(Author user, List<String> declaredTags, double score, List<ExpertReason> reasons, boolean away, int openQuestions) {
  public Expert {
    Objects.requireNonNull(user, "user");
    declaredTags = List.copyOf(declaredTags);
    reasons = List.copyOf(reasons);
  }
}
