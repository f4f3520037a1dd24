package dev.inflow.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a tag for {@link ExpertsApi#defineTag}; what is empty stays as it is:
 * {@code TagSettings.none().description("Remote access").deadline(Duration.ofHours(4))}.
 *
 * @param description what the tag is about
 * @param communityManagers user ids that get questions nobody answered in time; unmodifiable
 * @param deadline how long a question may stay unanswered before it escalates (whole minutes)
 */
public record TagSettings(Optional<String> description, Optional<List<String>> communityManagers, Optional<Duration> deadline) {
  /** @throws NullPointerException when a component is null */
  public TagSettings {
    Objects.requireNonNull(description, "description");
    communityManagers = Objects.requireNonNull(communityManagers, "communityManagers").map(List::copyOf);
    Objects.requireNonNull(deadline, "deadline");
  }

  /** @return settings that change nothing yet */
  public static TagSettings none() {
    return new TagSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @return these settings with a description */
  public TagSettings description(String description) {
    return new TagSettings(Optional.of(Objects.requireNonNull(description, "description")), communityManagers, deadline);
  }

  /** @return these settings with community managers */
  public TagSettings communityManagers(String... userIds) {
    return new TagSettings(description, Optional.of(List.of(userIds)), deadline);
  }

  /**
   * @return these settings with an escalation deadline
   * @throws IllegalArgumentException when it is not a positive whole number of minutes
   */
  public TagSettings deadline(Duration deadline) {
    if (deadline.isNegative() || deadline.isZero() || deadline.toSecondsPart() != 0 || deadline.toNanosPart() != 0) {
      throw new IllegalArgumentException("deadline must be a positive whole number of minutes (got " + deadline + ")");
    }
    return new TagSettings(description, communityManagers, Optional.of(deadline));
  }
}
