package dev.inflow.core.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.Role;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.User;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The experts directory: who ranks where for a tag, and why. */
class ExpertsTest {
  private static final Caller ADMIN = Caller.of("default", User.builder("root").roles(Role.ADMIN).build());
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
  private Inflow inflow;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false).limits(Limits.builder().userWritesPerMinute(1_000).build())
        .questions(QuestionSettings.builder().expertiseHalfLife(Duration.ofDays(90)).build()).build();
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  private static Caller person(String id, String... expertise) {
    return Caller.of("default", User.builder(id).name(id.toUpperCase()).expertise(List.of(expertise)).build());
  }

  /** Someone asks about the tag; the answerer answers; the asker accepts, another person up-votes. */
  private void acceptedAnswer(Caller answerer, String tag) {
    Caller asker = person("asker");
    Question q = inflow.questions().ask(asker, NewQuestion.of("About " + tag + " " + clock.instant(), "", List.of(tag)), Optional.empty()).value();
    Answer a = inflow.questions().answer(answerer, q.id(), "Here is how.", Optional.empty()).value();
    inflow.questions().accept(asker, a.id());
    inflow.questions().vote(person("voter"), a.id(), Vote.UP);
  }

  @Test
  void expertsAreRankedByDeclaredAndEarnedExpertiseWithTheirReasons() {
    Caller eva = person("eva", "sap");
    inflow.users().remember("default", eva.user().orElseThrow());
    Caller finn = person("finn");
    acceptedAnswer(finn, "sap");
    acceptedAnswer(finn, "sap");
    inflow.experts().declare(ADMIN, "gil", List.of("sap", "excel"));

    List<Expert> ranked = inflow.experts().list(person("dev"), Optional.of("sap"), 10);

    assertThat(ranked).extracting(e -> e.user().id()).containsExactly("finn", "eva", "gil");
    assertThat(ranked.get(0).reasons()).extracting(ExpertReason::text)
        .containsExactly("2 accepted answers on sap", "2 up votes on sap");
    assertThat(ranked.get(0).score()).isEqualTo(7.0);
    assertThat(ranked.get(1).reasons()).extracting(ExpertReason::kind, ExpertReason::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("declared", Optional.of("profile")));
    assertThat(ranked.get(2).declaredTags()).containsExactly("excel", "sap");
    assertThat(ranked.get(2).reasons()).extracting(ExpertReason::text).containsExactly("declared sap (admin)");
    assertThat(inflow.experts().list(person("dev"), Optional.of("excel"), 10)).extracting(e -> e.user().id()).containsExactly("gil");
  }

  @Test
  void earnedExpertiseFadesWithAge() {
    Caller finn = person("finn");
    acceptedAnswer(finn, "sap");
    inflow.users().remember("default", person("eva", "sap").user().orElseThrow());
    assertThat(inflow.experts().list(person("dev"), Optional.of("sap"), 10)).extracting(e -> e.user().id()).first().isEqualTo("eva");

    acceptedAnswer(finn, "sap");
    double fresh = inflow.experts().list(person("dev"), Optional.of("sap"), 10).get(0).score();
    assertThat(fresh).isEqualTo(7.0);
    clock.advance(Duration.ofDays(90));

    List<Expert> later = inflow.experts().list(person("dev"), Optional.of("sap"), 10);
    assertThat(later).extracting(e -> e.user().id()).containsExactly("eva", "finn");
    assertThat(later.get(1).score()).isEqualTo(3.5);
  }

  @Test
  void awayExpertsAreListedAsAwayAndOnlyAdministratorsChangeOthers() {
    inflow.users().remember("default", person("eva", "sap").user().orElseThrow());

    assertThat(inflow.experts().setAway(person("eva"), "eva", true).away()).isTrue();
    assertThat(inflow.experts().list(person("dev"), Optional.of("sap"), 10)).singleElement().satisfies(e -> assertThat(e.away()).isTrue());
    assertThatThrownBy(() -> inflow.experts().setAway(person("dev"), "eva", false)).isInstanceOf(AccessDeniedException.class);
    assertThat(inflow.experts().setAway(ADMIN, "eva", false).away()).isFalse();
    assertThatThrownBy(() -> inflow.experts().declare(person("eva"), "eva", List.of("ceo"))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> inflow.experts().declare(ADMIN, "eva", List.of("Not A Tag!")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("tags"));
    assertThatThrownBy(() -> inflow.experts().list(Caller.anonymous("default"), Optional.empty(), 10)).isInstanceOf(SignInRequiredException.class);
  }
}
