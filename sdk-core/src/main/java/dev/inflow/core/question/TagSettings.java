package dev.inflow.core.question;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an administrator sets on a tag; what is empty stays as it is (or gets the default, for a
 * new tag).
 *
 * @param description what belongs under the tag
 * @param communityManagers who unanswered questions escalate to last
 * @param deadline how long questions may wait for an answer before the next routing step; between
 *     5 minutes and 30 days
 */
public record TagSettings(Optional<String> description, Optional<List<String>> communityManagers, Optional<Duration> deadline) {
  public TagSettings {
    Objects.requireNonNull(description, "description");
    communityManagers = Objects.requireNonNull(communityManagers, "communityManagers").map(List::copyOf);
    Objects.requireNonNull(deadline, "deadline");
  }

  /** @return settings that change nothing */
  public static TagSettings unchanged() {
    return new TagSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @return these settings with community managers */
  public TagSettings withCommunityManagers(List<String> userIds) {
    return new TagSettings(description, Optional.of(userIds), deadline);
  }

  /** @return these settings with a deadline */
  public TagSettings withDeadline(Duration deadline) {
    return new TagSettings(description, communityManagers, Optional.of(deadline));
  }

  /** @return these settings with a description */
  public TagSettings withDescription(String description) {
    return new TagSettings(Optional.of(description), communityManagers, deadline);
  }
}
