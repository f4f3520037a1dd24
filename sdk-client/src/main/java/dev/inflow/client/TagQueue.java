package dev.inflow.client;

import java.util.List;
import java.util.Objects;

/**
 * What waits for a community manager on one tag.
 *
 * @param tag the tag
 * @param unanswered open questions without an answer
 * @param escalated of those, how many went past a deadline
 * @param questions the waiting questions, oldest first; unmodifiable
 */
public record TagQueue(String tag, long unanswered, long escalated, List<Question> questions) {
  /** @throws NullPointerException when a component is null */
  public TagQueue {
    Objects.requireNonNull(tag, "tag");
    questions = List.copyOf(questions);
  }
}
