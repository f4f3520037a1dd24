package dev.inflow.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.User;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.event.Event;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.question.Question;
import dev.inflow.core.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  private static final Caller ANA = Caller.of("default", User.of("ana", "Ana Lima"));
  private static final Caller EVA = Caller.of("default", User.builder("eva").name("Eva Berg").expertise(List.of("vpn")).build());
  private Inflow inflow;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(1_000).build()).build();
    inflow.users().remember("default", EVA.user().orElseThrow());
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  private Question ask(String title) {
    return inflow.questions().ask(ANA, NewQuestion.of(title, "", List.of("vpn")), Optional.empty()).value();
  }

  @Test
  void theAskerHearsOfAnswersAndTheExpertOfRoutingAndAcceptance() {
    Question q = ask("VPN certificate expired");
    Answer a = inflow.questions().answer(EVA, q.id(), "Renew it in the portal.", Optional.empty()).value();
    inflow.questions().accept(ANA, a.id());

    assertThat(inflow.notifications().list(ANA, false, PageRequest.first(10)).items()).singleElement().satisfies(n -> {
      assertThat(n.reason()).isEqualTo(NotificationReason.ANSWER_POSTED);
      assertThat(n.questionId()).contains(q.id());
      assertThat(n.answerId()).contains(a.id());
      assertThat(n.actor()).hasValueSatisfying(actor -> assertThat(actor.name()).isEqualTo("Eva Berg"));
      assertThat(n.read()).isFalse();
    });
    assertThat(inflow.notifications().list(EVA, false, PageRequest.first(10)).items()).extracting(Notification::reason)
        .containsExactly(NotificationReason.ANSWER_ACCEPTED, NotificationReason.QUESTION_ROUTED);
    List<Event> live = inflow.events().after("default", 0, 100).stream().filter(e -> e.topic().equals("notifications:eva")).toList();
    assertThat(live).extracting(Event::kind).containsExactly("notification.created", "notification.created");
    assertThat(live.get(1).payload()).contains("\"unreadCount\":2").contains("answer.accepted").doesNotContain("recipientId");
  }

  @Test
  void aReplyTellsTheAuthorOfTheCommentAndAMentionTellsWhoIsMentioned() {
    Caller ben = Caller.of("default", User.of("ben", "Ben Okafor"));
    inflow.users().remember("default", ben.user().orElseThrow());
    Comment first = inflow.comments().create(ANA, "order:4711", NewComment.of("Delivery is late").onTarget("Order 4711",
        "https://erp.example/orders/4711"), Optional.empty()).value();
    Comment reply = inflow.comments().create(EVA, "order:4711", NewComment.replyTo(first.id(), "@ana @ben I'll call the carrier"),
        Optional.empty()).value();

    assertThat(inflow.notifications().list(ANA, false, PageRequest.first(10)).items()).as("a reply that also mentions: one notification")
        .singleElement().satisfies(n -> {
          assertThat(n.reason()).isEqualTo(NotificationReason.COMMENT_REPLIED);
          assertThat(n.commentId()).contains(reply.id());
          assertThat(n.targetKey()).contains("order:4711");
          assertThat(n.title()).isEqualTo("Order 4711");
          assertThat(n.url()).contains("https://erp.example/orders/4711");
          assertThat(n.actor()).hasValueSatisfying(actor -> assertThat(actor.name()).isEqualTo("Eva Berg"));
        });
    assertThat(inflow.notifications().list(ben, false, PageRequest.first(10)).items()).extracting(Notification::reason)
        .containsExactly(NotificationReason.MENTIONED);
    assertThat(inflow.notifications().unreadCount(EVA)).as("nobody hears of their own comment").isZero();
  }

  @Test
  void aMentionInAnAnswerTellsWhoIsMentioned() {
    Caller ben = Caller.of("default", User.of("ben", "Ben Okafor"));
    inflow.users().remember("default", ben.user().orElseThrow());
    Question q = ask("VPN certificate expired");
    inflow.questions().answer(EVA, q.id(), "@ben knows the portal.", Optional.empty());

    assertThat(inflow.notifications().list(ben, false, PageRequest.first(10)).items()).singleElement().satisfies(n -> {
      assertThat(n.reason()).isEqualTo(NotificationReason.MENTIONED);
      assertThat(n.questionId()).contains(q.id());
    });
  }

  @Test
  void unreadCountsDropAsNotificationsAreMarkedReadOneByOneOrAll() {
    for (int i = 0; i < 3; i++) {
      ask("Question " + i);
    }
    List<Notification> all = inflow.notifications().list(EVA, false, PageRequest.first(10)).items();
    assertThat(inflow.notifications().unreadCount(EVA)).isEqualTo(3);

    assertThat(inflow.notifications().markRead(EVA, List.of(all.get(0).id(), "999999"))).isEqualTo(2);
    assertThat(inflow.notifications().markRead(ANA, List.of(all.get(1).id()))).as("not ana's to mark").isZero();
    assertThat(inflow.notifications().unreadCount(EVA)).isEqualTo(2);
    assertThat(inflow.notifications().list(EVA, true, PageRequest.first(10)).items()).extracting(Notification::id)
        .containsExactly(all.get(1).id(), all.get(2).id());
    assertThat(inflow.notifications().markAllRead(EVA)).isZero();
    assertThat(inflow.notifications().list(EVA, false, PageRequest.first(10)).items()).allSatisfy(n -> assertThat(n.read()).isTrue());
    assertThatThrownBy(() -> inflow.notifications().markRead(EVA, List.of("abc")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("ids"));
    assertThatThrownBy(() -> inflow.notifications().unreadCount(Caller.anonymous("default"))).isInstanceOf(SignInRequiredException.class);
  }

  @Test
  void pagesGoFromNewestToOldest() {
    for (int i = 0; i < 5; i++) {
      ask("Question " + i);
    }
    Page<Notification> first = inflow.notifications().list(EVA, false, PageRequest.first(2));
    Page<Notification> second = inflow.notifications().list(EVA, false, PageRequest.after(first.next().orElseThrow(), 2));
    Page<Notification> third = inflow.notifications().list(EVA, false, PageRequest.after(second.next().orElseThrow(), 2));

    assertThat(first.items()).extracting(Notification::title).containsExactly("Question 4", "Question 3");
    assertThat(second.items()).extracting(Notification::title).containsExactly("Question 2", "Question 1");
    assertThat(third.items()).extracting(Notification::title).containsExactly("Question 0");
    assertThat(third.next()).isEmpty();
  }
}
