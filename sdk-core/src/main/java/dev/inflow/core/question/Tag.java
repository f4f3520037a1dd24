package dev.inflow.core.question;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tag of the tenant's tag list.
 *
 * @param name the tag, lower case
 * @param description what belongs under it (may be empty)
 * @param questionCount questions with the tag, not deleted
 * @param communityManagers ids of the people unanswered questions with this tag escalate to last;
 *     unmodifiable
 * @param deadline how long a question with this tag may stay unanswered before it is routed further
 */
public record Tag(String name, String description, long questionCount, List<String> communityManagers, @JsonIgnore Duration deadline) {
  public Tag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    communityManagers = List.copyOf(communityManagers);
    Objects.requireNonNull(deadline, "deadline");
  }

  /** @return the deadline in whole minutes, as JSON carries it (the same name administrators set it with) */
  @JsonProperty("deadlineMinutes")
  public long deadlineMinutes() {
    return deadline.toMinutes();
  }
}
