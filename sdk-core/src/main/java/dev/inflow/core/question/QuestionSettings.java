package dev.inflow.core.question;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How questions are routed and escalated, and which tags people may use. Immutable; build with
 * {@link #builder()} and pass to {@code Inflow.builder().questions(...)}. Administrators can still
 * change each tag's deadline and community managers through the API; those win over
 * {@link #tagDeadlines()}.
 *
 * @param defaultDeadline how long a question may stay unanswered before the next routing step
 * @param tagDeadlines deadlines of particular tags; a question with several tags gets the shortest
 * @param businessHours when present, deadlines count working time only
 * @param expertsPerStep how many experts each routing step picks
 * @param escalationRounds how many times further experts are tried before the tag's community
 *     manager is asked
 * @param allowNewTags whether askers may use tags not yet in the tenant's list (they are added)
 * @param expertiseHalfLife after this long, an answer counts half as much towards expertise
 */
public record QuestionSettings(
    Duration defaultDeadline,
    Map<String, Duration> tagDeadlines,
    Optional<BusinessHours> businessHours,
    int expertsPerStep,
    int escalationRounds,
    boolean allowNewTags,
    Duration expertiseHalfLife) {

  /** Shortest deadline accepted: anything shorter pages experts before they could read the question. */
  public static final Duration MIN_DEADLINE = Duration.ofMinutes(5);
  /** Longest deadline accepted. */
  public static final Duration MAX_DEADLINE = Duration.ofDays(30);
  private static final Pattern TAG = Pattern.compile("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}._+#-]{0,49}");

  public QuestionSettings {
    requireDeadline("defaultDeadline", defaultDeadline);
    tagDeadlines = Map.copyOf(tagDeadlines);
    tagDeadlines.forEach((tag, deadline) -> {
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("tagDeadline: '" + tag + "' is not a tag (1 to 50 lower-case letters, digits or ._+#-)");
      }
      requireDeadline("tagDeadline(" + tag + ")", deadline);
    });
    Objects.requireNonNull(businessHours, "businessHours");
    if (expertsPerStep < 1 || expertsPerStep > 20) {
      throw new IllegalArgumentException("expertsPerStep must be between 1 and 20 (got " + expertsPerStep + ")");
    }
    if (escalationRounds < 0 || escalationRounds > 10) {
      throw new IllegalArgumentException("escalationRounds must be between 0 and 10 (got " + escalationRounds + ")");
    }
    Objects.requireNonNull(expertiseHalfLife, "expertiseHalfLife");
    if (expertiseHalfLife.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("expertiseHalfLife must be at least one day (got " + expertiseHalfLife + ")");
    }
  }

  /** @return the settings Inflow starts with */
  public static QuestionSettings defaults() {
    return builder().build();
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the deadline of a tag as configured here (administrators' settings are applied on top) */
  public Duration deadlineOf(String tag) {
    return tagDeadlines.getOrDefault(tag, defaultDeadline);
  }

  private static void requireDeadline(String option, Duration deadline) {
    Objects.requireNonNull(deadline, option);
    if (deadline.compareTo(MIN_DEADLINE) < 0 || deadline.compareTo(MAX_DEADLINE) > 0) {
      throw new IllegalArgumentException(option + " must be between 5 minutes and 30 days (got " + deadline + ")");
    }
  }

  /** Builds {@link QuestionSettings}; not thread-safe. Each option may be set once. */
  public static final class Builder {
    private Duration defaultDeadline;
    private final Map<String, Duration> tagDeadlines = new LinkedHashMap<>();
    private BusinessHours businessHours;
    private Integer expertsPerStep;
    private Integer escalationRounds;
    private Boolean allowNewTags;
    private Duration expertiseHalfLife;

    private Builder() {}

    /** How long a question may wait for an answer before the next routing step (default 4 hours). */
    public Builder defaultDeadline(Duration deadline) {
      once("defaultDeadline", defaultDeadline);
      this.defaultDeadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** The deadline of one tag (default: {@link #defaultDeadline}). */
    public Builder tagDeadline(String tag, Duration deadline) {
      if (tagDeadlines.containsKey(tag)) {
        throw new IllegalStateException("tagDeadline(" + tag + ") was already set to " + tagDeadlines.get(tag));
      }
      tagDeadlines.put(Objects.requireNonNull(tag, "tag"), Objects.requireNonNull(deadline, "deadline"));
      return this;
    }

    /** Count deadlines in working time only (default: calendar time). */
    public Builder businessHours(BusinessHours hours) {
      once("businessHours", businessHours);
      this.businessHours = Objects.requireNonNull(hours, "hours");
      return this;
    }

    /** How many experts each routing step picks (default 3). */
    public Builder expertsPerStep(int count) {
      once("expertsPerStep", expertsPerStep);
      this.expertsPerStep = count;
      return this;
    }

    /** How many rounds of further experts come before the community manager (default 1). */
    public Builder escalationRounds(int rounds) {
      once("escalationRounds", escalationRounds);
      this.escalationRounds = rounds;
      return this;
    }

    /** Whether askers may add tags that are not in the tenant's list yet (default true). */
    public Builder allowNewTags(boolean allow) {
      once("allowNewTags", allowNewTags);
      this.allowNewTags = allow;
      return this;
    }

    /** After how long an answer counts half towards its author's expertise (default 180 days). */
    public Builder expertiseHalfLife(Duration halfLife) {
      once("expertiseHalfLife", expertiseHalfLife);
      this.expertiseHalfLife = Objects.requireNonNull(halfLife, "halfLife");
      return this;
    }

    /** @throws IllegalArgumentException naming the option that is out of range and what would be right */
    public QuestionSettings build() {
      return new QuestionSettings(
          defaultDeadline == null ? Duration.ofHours(4) : defaultDeadline,
          tagDeadlines,
          Optional.ofNullable(businessHours),
          expertsPerStep == null ? 3 : expertsPerStep,
          escalationRounds == null ? 1 : escalationRounds,
          allowNewTags == null || allowNewTags,
          expertiseHalfLife == null ? Duration.ofDays(180) : expertiseHalfLife);
    }

    private static void once(String option, Object current) {
      if (current != null) {
        throw new IllegalStateException(option + " was already set to " + current);
      }
    }
  }
}
