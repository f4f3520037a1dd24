package dev.inflow.core.question;

import java.util.List;
import java.util.Objects;

/**
 * A community manager's view of one tag: questions still waiting for a first answer, oldest first.
 *
 * @param tag the tag
 * @param unanswered open questions with the tag
 * @param escalated of those, how many went past at least one deadline
 * @param questions the oldest open questions (at most 50), oldest first; unmodifiable
 */
public record TagQueue(String tag, int unanswered, int escalated, List<Question> questions) {
  public TagQueue {
    Objects.requireNonNull(tag, "tag");
    questions = List.copyOf(questions);
  }
}
