package dev.inflow.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.question.Question;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyticsTest {
  private static final Caller LND = Caller.of("default", User.builder("lnd").roles(Role.ADMIN).build());
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
  private Inflow inflow;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false).limits(Limits.builder().userWritesPerMinute(1_000).build()).build();
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  private static Caller person(String id) {
    return Caller.of("default", User.of(id, id));
  }

  private Question ask(String who, String title, String tag, String target) {
    NewQuestion q = NewQuestion.of(title, "", List.of(tag));
    return inflow.questions().ask(person(who), target == null ? q : q.about(target), Optional.empty()).value();
  }

  private Answer answerAfter(Duration wait, Question q, String who) {
    clock.advance(wait);
    return inflow.questions().answer(person(who), q.id(), "answer", Optional.empty()).value();
  }

  @Test
  void answerRateTimesToFirstAnswerTopExpertsAndActivityPerTarget() {
    Question q1 = ask("ana", "Q1", "vpn", "kb/vpn");
    Question q2 = ask("ben", "Q2", "vpn", "kb/vpn");
    Question q3 = ask("dev", "Q3", "hr", null);
    ask("dev", "Q4", "hr", null);
    Answer a1 = answerAfter(Duration.ofMinutes(10), q1, "eva");
    answerAfter(Duration.ofMinutes(50), q2, "eva");
    answerAfter(Duration.ofHours(2), q3, "finn");
    answerAfter(Duration.ofMinutes(1), q1, "finn");
    inflow.questions().accept(person("ana"), a1.id());
    inflow.comments().create(person("gus"), "kb/vpn", NewComment.of("thanks!"), Optional.empty());
    inflow.comments().create(person("ana"), "kb/vpn", NewComment.of("indeed"), Optional.empty());
    inflow.comments().create(person("gus"), "question:" + q1.id(), NewComment.of("on the question"), Optional.empty());

    AnalyticsSummary s = inflow.analytics().summary(LND, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
        Optional.empty());

    assertThat(s.questions().asked()).isEqualTo(4);
    assertThat(s.questions().answered()).isEqualTo(3);
    assertThat(s.questions().answerRate()).isEqualTo(0.75);
    assertThat(s.questions().medianSecondsToFirstAnswer()).contains(3600L);
    assertThat(s.questions().p90SecondsToFirstAnswer()).contains(3 * 3600L);
    assertThat(s.questions().accepted()).isEqualTo(1);
    assertThat(s.questions().acceptedRate()).isEqualTo(0.25);
    assertThat(s.questions().unanswered()).isEqualTo(1);
    assertThat(s.topExperts()).extracting(AnalyticsSummary.TagExperts::tag).containsExactly("vpn", "hr");
    assertThat(s.topExperts().get(0).experts()).extracting(e -> e.user().id(), AnalyticsSummary.ExpertFigures::answers,
        AnalyticsSummary.ExpertFigures::accepted).containsExactly(org.assertj.core.groups.Tuple.tuple("eva", 2L, 1L),
            org.assertj.core.groups.Tuple.tuple("finn", 1L, 0L));
    assertThat(s.targets()).singleElement().satisfies(t -> {
      assertThat(t.targetKey()).isEqualTo("kb/vpn");
      assertThat(t.comments()).isEqualTo(2);
      assertThat(t.questions()).isEqualTo(2);
      assertThat(t.activeUsers()).as("ana, ben, gus, eva, finn").isEqualTo(5);
    });

    AnalyticsSummary hr = inflow.analytics().summary(LND, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
        Optional.of("HR"));
    assertThat(hr.tag()).contains("hr");
    assertThat(hr.questions().asked()).isEqualTo(2);
    assertThat(hr.topExperts()).extracting(AnalyticsSummary.TagExperts::tag).containsExactly("hr");
  }

  @Test
  void onlyModeratorsAndAdministratorsSeeAnalyticsAndPeriodsMustMakeSense() {
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    assertThatThrownBy(() -> inflow.analytics().summary(person("ana"), from, from.plus(Duration.ofDays(1)), Optional.empty()))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> inflow.analytics().summary(LND, from, from, Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("to"));
    assertThatThrownBy(() -> inflow.analytics().summary(LND, from, from.plus(Duration.ofDays(400)), Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("to"));
    assertThatThrownBy(() -> inflow.analytics().summary(LND, from, from.plus(Duration.ofDays(1)), Optional.of("no tags with spaces")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("tag"));
    Caller moderator = Caller.of("default", User.builder("carla").roles(Role.MODERATOR).build());
    assertThat(inflow.analytics().summary(moderator, from, from.plus(Duration.ofDays(1)), Optional.empty()).questions().asked()).isZero();
  }
}
