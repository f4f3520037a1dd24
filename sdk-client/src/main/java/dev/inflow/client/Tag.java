package dev.inflow.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tag of the tenant, with its settings.
 *
 * @param name the tag, lower case
 * @param description what it is about (may be empty)
 * @param questionCount questions carrying it
 * @param communityManagers user ids that get questions nobody answered in time; unmodifiable
 * @param deadline how long a question may stay unanswered before it is routed further
 */
public record Tag(String name, String description, long questionCount, List<String> communityManagers, Duration deadline) {
  /** @throws NullPointerException when a component is null */
  public Tag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    communityManagers = List.copyOf(communityManagers);
    Objects.requireNonNull(deadline, "deadline");
  }
}
