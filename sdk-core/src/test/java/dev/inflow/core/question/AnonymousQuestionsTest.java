package dev.inflow.core.question;

import static dev.inflow.core.testing.People.BEN;
import static dev.inflow.core.testing.People.CARLA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.event.Event;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.notification.Notification;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An anonymous question hides its asker from everyone but administrators: in every read, every
 * event, every notification and the analytics. The asker's id is unusual on purpose, so that any
 * appearance of it in any output is a leak.
 */
class AnonymousQuestionsTest {
  private static final String SECRET_ID = "quiet-asker-7f3c";
  private static final Caller ASKER = Caller.of("default", User.builder(SECRET_ID).name("Quentin Quiet").build());
  private static final Caller EXPERT = Caller.of("default", User.builder("eva").name("Eva Berg").expertise(List.of("payroll")).build());
  private static final Caller ADMIN = Caller.of("default", User.builder("root").name("Root").roles(Role.ADMIN).build());

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  private Inflow inflow;
  private Questions questions;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false).limits(Limits.builder().userWritesPerMinute(1_000).build()).build();
    questions = inflow.questions();
    inflow.users().remember("default", EXPERT.user().orElseThrow());
    inflow.users().remember("default", CARLA.user().orElseThrow());
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  private Question askAnonymously(String title) {
    NewQuestion q = new NewQuestion(title, "I would rather not say who I am.", List.of("payroll"), Optional.of("kb/payroll"), true,
        Optional.of("Payroll handbook"), Optional.empty());
    return questions.ask(ASKER, q, Optional.empty()).value();
  }

  @Test
  void nobodyButAdministratorsSeesWhoAskedWhileTheAskerSeesItIsTheirs() {
    Question q = askAnonymously("Is overtime paid in the same month?");

    assertThat(q.anonymous()).isTrue();
    assertThat(q.author()).isEmpty();
    assertThat(q.mine()).isTrue();
    Question seenByBen = questions.get(BEN, q.id()).question();
    assertThat(seenByBen.author()).isEmpty();
    assertThat(seenByBen.mine()).isFalse();
    assertThat(questions.get(CARLA, q.id()).question().author()).as("moderators do not see it either").isEmpty();
    assertThat(questions.get(ADMIN, q.id()).question().author()).hasValueSatisfying(a -> assertThat(a.id()).isEqualTo(SECRET_ID));
    assertThat(questions.list(BEN, QuestionQuery.all(), PageRequest.first(10)).items()).allSatisfy(x -> assertThat(x.author()).isEmpty());
    assertThat(questions.list(ASKER, QuestionQuery.all().in(QuestionQuery.Scope.MINE), PageRequest.first(10)).items())
        .singleElement().satisfies(x -> assertThat(x.mine()).isTrue());
    assertThat(questions.list(BEN, QuestionQuery.all().in(QuestionQuery.Scope.MINE), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void noEventNotificationHistoryQueueSimilarityOrAnalyticsNamesTheAsker() {
    Question q = askAnonymously("Is overtime paid in the same month?");
    Question waiting = askAnonymously("Who approves overtime for part-time staff?");
    Answer a = questions.answer(EXPERT, q.id(), "Yes, with the next payroll run.", Optional.empty()).value();
    questions.accept(ASKER, a.id());
    questions.edit(ASKER, q.id(), new QuestionEdit(Optional.of("Is overtime paid in the same month (2026)?"), Optional.empty(),
        Optional.empty()), OptionalLong.empty());
    questions.vote(ASKER, a.id(), Vote.UP);
    inflow.comments().create(BEN, "question:" + q.id(), NewComment.of("Same question here"), Optional.empty());
    clock.advance(Duration.ofHours(9));
    while (inflow.platform().jobs().runDue() > 0) {
      clock.advance(Duration.ofSeconds(1));
    }

    List<String> outputs = new java.util.ArrayList<>();
    List<Event> events = inflow.events().after("default", 0, 1000);
    for (Event e : events) {
      // The asker's own notification channel is theirs alone (only they can subscribe to it).
      if (!e.topic().equals("notifications:" + SECRET_ID)) {
        outputs.add(e.topic() + " " + e.kind() + " " + e.payload());
      }
    }
    assertThat(events).filteredOn(e -> e.topic().equals("notifications:" + SECRET_ID)).extracting(Event::kind)
        .containsExactly("notification.created");
    List<Notification> toExpert = inflow.notifications().list(EXPERT, false, PageRequest.first(50)).items();
    assertThat(toExpert).extracting(Notification::reason).contains(dev.inflow.core.notification.NotificationReason.ANSWER_ACCEPTED);
    assertThat(toExpert).allSatisfy(n -> assertThat(n.actor()).isEmpty());
    outputs.add(Json.write(toExpert));
    outputs.add(Json.write(inflow.notifications().list(CARLA, false, PageRequest.first(50)).items()));
    outputs.add(Json.write(questions.history(BEN, q.id())));
    outputs.add(Json.write(questions.communityQueue(CARLA, Optional.empty())));
    outputs.add(Json.write(questions.similar(BEN, "overtime paid", List.of(), 5)));
    outputs.add(Json.write(questions.get(EXPERT, waiting.id())));
    outputs.add(Json.write(inflow.experts().list(BEN, Optional.of("payroll"), 10)));
    outputs.add(Json.write(inflow.analytics().summary(ADMIN, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(1)),
        Optional.empty())));

    assertThat(String.join("\n", outputs)).doesNotContain(SECRET_ID).doesNotContain("Quentin");
    assertThat(String.join("\n", outputs)).contains("question.created", "answer.accepted", "question.escalated");
    long namingTheAsker = inflow.platform().db().read(sql -> sql.count("SELECT COUNT(*) FROM inflow_notification WHERE actor_id = ?", SECRET_ID));
    assertThat(namingTheAsker).isZero();
    assertThat(questions.communityQueue(CARLA, Optional.empty())).flatExtracting(TagQueue::questions).extracting(Question::id)
        .containsExactly(waiting.id());
  }
}
