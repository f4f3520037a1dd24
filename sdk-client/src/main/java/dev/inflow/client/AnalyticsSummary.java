package dev.inflow.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in a period, for L&amp;D: how questions fared, who answered them, where people talk.
 *
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param tag the tag the figures are limited to, if any
 * @param questions how questions asked in the period fared
 * @param topExperts per tag, who answered most; unmodifiable
 * @param targets per target, comments and active people, busiest first; unmodifiable
 */
public record AnalyticsSummary(Instant from, Instant to, Optional<String> tag, QuestionFigures questions, List<TagExperts> topExperts,
    List<TargetActivity> targets) {
  /** @throws NullPointerException when a component is null */
  public AnalyticsSummary {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(questions, "questions");
    topExperts = List.copyOf(topExperts);
    targets = List.copyOf(targets);
  }

  /**
   * Questions asked in the period and what became of them.
   *
   * @param asked questions asked
   * @param answered of those, how many got an answer
   * @param answerRate answered / asked, 0 when nothing was asked
   * @param medianSecondsToFirstAnswer median time to the first answer, over answered questions
   * @param p90SecondsToFirstAnswer 90th percentile of the same
   * @param accepted of those asked, how many have an accepted answer
   * @param acceptedRate accepted / asked
   * @param unanswered asked minus answered
   * @param escalated how many went past a deadline unanswered
   */
  public record QuestionFigures(long asked, long answered, double answerRate, Optional<Long> medianSecondsToFirstAnswer,
      Optional<Long> p90SecondsToFirstAnswer, long accepted, double acceptedRate, long unanswered, long escalated) {
    /** @throws NullPointerException when a component is null */
    public QuestionFigures {
      Objects.requireNonNull(medianSecondsToFirstAnswer, "medianSecondsToFirstAnswer");
      Objects.requireNonNull(p90SecondsToFirstAnswer, "p90SecondsToFirstAnswer");
    }
  }

  /**
   * @param tag the tag
   * @param experts who answered most questions with it, best first; unmodifiable
   */
  public record TagExperts(String tag, List<ExpertFigures> experts) {
    /** @throws NullPointerException when a component is null */
    public TagExperts {
      Objects.requireNonNull(tag, "tag");
      experts = List.copyOf(experts);
    }
  }

  /**
   * @param user who
   * @param answers answers posted in the period on questions with the tag
   * @param accepted of those, how many were accepted
   * @param verified of those, how many an expert verified
   */
  public record ExpertFigures(Author user, long answers, long accepted, long verified) {
    /** @throws NullPointerException when a component is null */
    public ExpertFigures {
      Objects.requireNonNull(user, "user");
    }
  }

  /**
   * @param targetKey the target
   * @param title its title
   * @param comments comments posted on it in the period
   * @param questions questions asked about it in the period
   * @param activeUsers distinct people who commented, asked or answered on it
   */
  public record TargetActivity(String targetKey, String title, long comments, long questions, long activeUsers) {
    /** @throws NullPointerException when a component is null */
    public TargetActivity {
      Objects.requireNonNull(targetKey, "targetKey");
      Objects.requireNonNull(title, "title");
    }
  }
}
