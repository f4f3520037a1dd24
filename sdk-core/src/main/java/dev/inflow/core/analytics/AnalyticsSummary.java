package dev.inflow.core.analytics;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in a period, for L&D: how questions fared, who answered them, where people talk.
 * Authors of anonymous questions are never counted as active users.
 *
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param tag the tag the question figures and experts are limited to, if any
 * @param questions how questions asked in the period fared
 * @param topExperts per tag, who answered most in the period (at most 5 per tag, 50 tags); unmodifiable
 * @param targets per target, comments and active people in the period (at most 50, busiest first;
 *     not limited by tag); unmodifiable
 */
public record AnalyticsSummary(Instant from, Instant to, Optional<String> tag, QuestionFigures questions, List<TagExperts> topExperts,
    List<TargetActivity> targets) {

  public AnalyticsSummary {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(questions, "questions");
    topExperts = List.copyOf(topExperts);
    targets = List.copyOf(targets);
  }

  /**
   * Questions asked in the period and what became of them (so far).
   *
   * @param asked questions asked
   * @param answered of those, how many got at least one answer
   * @param answerRate answered / asked, 0 when nothing was asked
   * @param medianSecondsToFirstAnswer median time from question to first answer, over answered questions
   * @param p90SecondsToFirstAnswer 90th percentile of the same
   * @param accepted of those asked, how many have an accepted answer
   * @param acceptedRate accepted / asked
   * @param unanswered asked minus answered
   * @param escalated how many went past at least one deadline without an answer
   */
  public record QuestionFigures(long asked, long answered, double answerRate, Optional<Long> medianSecondsToFirstAnswer,
      Optional<Long> p90SecondsToFirstAnswer, long accepted, double acceptedRate, long unanswered, long escalated) {
    public QuestionFigures {
      Objects.requireNonNull(medianSecondsToFirstAnswer, "medianSecondsToFirstAnswer");
      Objects.requireNonNull(p90SecondsToFirstAnswer, "p90SecondsToFirstAnswer");
    }
  }

  /**
   * @param tag the tag
   * @param experts who answered most questions with the tag, best first; unmodifiable
   */
  public record TagExperts(String tag, List<ExpertFigures> experts) {
    public TagExperts {
      Objects.requireNonNull(tag, "tag");
      experts = List.copyOf(experts);
    }
  }

  /**
   * @param user who
   * @param answers answers posted in the period on questions with the tag
   * @param accepted of those, how many are accepted
   * @param verified of those, how many an expert verified
   */
  public record ExpertFigures(Author user, long answers, long accepted, long verified) {
    public ExpertFigures {
      Objects.requireNonNull(user, "user");
    }
  }

  /**
   * @param targetKey the target
   * @param title its title
   * @param comments comments posted on it in the period
   * @param questions questions asked about it in the period
   * @param activeUsers distinct people who commented, asked (by name) or answered on it
   */
  public record TargetActivity(String targetKey, String title, long comments, long questions, long activeUsers) {
    public TargetActivity {
      Objects.requireNonNull(targetKey, "targetKey");
      Objects.requireNonNull(title, "title");
    }
  }
}
