package dev.inflow.core.question;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.notification.Notification;
import dev.inflow.core.notification.NotificationReason;
import dev.inflow.core.spi.UserDirectory;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who questions go to, when they are escalated, and that each step happens once, whatever the nodes do. */
class RoutingTest {
  /** Monday 09:00 UTC. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  private final String url = TestDatabase.freshUrl();
  private final List<Inflow> nodes = new ArrayList<>();
  private static final Caller ADMIN = Caller.of("default", User.builder("root").roles(Role.ADMIN).build());
  private static final Caller ASKER = member("ana");

  /** Knows hana as an hr expert, though she never used Inflow. */
  private static final UserDirectory DIRECTORY = new UserDirectory() {
    @Override
    public Optional<User> find(String tenantId, String userId) {
      return userId.equals("hana") ? Optional.of(hana()) : Optional.empty();
    }

    @Override
    public List<User> withExpertise(String tenantId, String tag) {
      return tag.equals("hr") ? List.of(hana()) : List.of();
    }
  };

  private static User hana() {
    return User.builder("hana").name("Hana Ito").expertise(List.of("hr")).build();
  }

  private Inflow node(QuestionSettings settings) {
    Inflow node = Inflow.builder().jdbcUrl(url).clock(clock).runBackgroundJobs(false).userDirectory(DIRECTORY)
        .limits(Limits.builder().userWritesPerMinute(1_000).build()).questions(settings).build();
    nodes.add(node);
    return node;
  }

  @AfterEach
  void stop() {
    nodes.forEach(Inflow::close);
  }

  private static Caller member(String id) {
    return Caller.of("default", User.of(id, id));
  }

  private static void expert(Inflow inflow, String id, String... tags) {
    inflow.users().remember("default", User.builder(id).expertise(List.of(tags)).build());
  }

  private static Question ask(Inflow inflow, Caller who, String title, String... tags) {
    return inflow.questions().ask(who, NewQuestion.of(title, "", List.of(tags)), Optional.empty()).value();
  }

  private static List<String> routedTo(Inflow inflow, Question q) {
    return inflow.questions().get(ADMIN, q.id()).question().routedTo();
  }

  private static List<Notification> notificationsOf(Inflow inflow, String user) {
    return inflow.notifications().list(member(user), false, PageRequest.first(100)).items();
  }

  @Test
  void aQuestionGoesToTheTopAvailableExpertsButNeverToTheAskerOrSomeoneAway() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(2).build());
    expert(inflow, "eva", "vpn");
    expert(inflow, "finn", "vpn", "network");
    expert(inflow, "gil", "vpn");
    expert(inflow, "kim", "printers");
    inflow.experts().declare(ADMIN, "ivan", List.of("vpn"));
    inflow.experts().setAway(member("gil"), "gil", true);

    Question q = ask(inflow, member("eva"), "VPN drops when I switch Wi-Fi", "vpn", "network");

    assertThat(q.routedTo()).as("finn declared both tags, ivan one; eva asked, gil is away").containsExactly("finn", "ivan");
    assertThat(notificationsOf(inflow, "finn")).singleElement().satisfies(n -> {
      assertThat(n.reason()).isEqualTo(NotificationReason.QUESTION_ROUTED);
      assertThat(n.questionId()).contains(q.id());
      assertThat(n.title()).isEqualTo("VPN drops when I switch Wi-Fi");
    });
    assertThat(notificationsOf(inflow, "kim")).isEmpty();
    assertThat(inflow.notifications().unreadCount(member("ivan"))).isEqualTo(1);
  }

  @Test
  void expertsAreFoundByTheTagsInTheirProfileAsItIsNow() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(5).build());
    expert(inflow, "eva", "vpn");
    expert(inflow, "finn", "printers");
    expert(inflow, "eva", "printers");
    expert(inflow, "finn", "printers", "vpn");
    expert(inflow, "gil", "vpn-client");
    inflow.users().remember("default", User.of("kim", "Kim"));

    assertThat(ask(inflow, ASKER, "VPN drops on hotel Wi-Fi", "vpn").routedTo()).as("eva dropped vpn, finn added it; vpn-client is another tag")
        .containsExactly("finn");
    assertThat(ask(inflow, ASKER, "The printer on floor 3 jams", "printers").routedTo()).containsExactlyInAnyOrder("eva", "finn");
    expert(inflow, "eva");
    assertThat(ask(inflow, ASKER, "Printer asks for a PIN", "printers").routedTo()).as("eva declares nothing any more").containsExactly("finn");
  }

  @Test
  void expertsFromTheHostsDirectoryGetQuestionsToo() {
    Inflow inflow = node(QuestionSettings.defaults());
    Question q = ask(inflow, ASKER, "How many days of parental leave?", "hr");

    assertThat(q.routedTo()).containsExactly("hana");
    assertThat(inflow.experts().list(ASKER, Optional.of("hr"), 10)).singleElement().satisfies(e -> {
      assertThat(e.user().name()).isEqualTo("Hana Ito");
      assertThat(e.reasons()).extracting(ExpertReason::text).containsExactly("declared hr (directory)");
    });
  }

  @Test
  void loadIsSpreadSoOneExpertIsNotSentEverything() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(1).build());
    expert(inflow, "eva", "vpn");
    expert(inflow, "finn", "vpn");
    expert(inflow, "gil", "vpn");

    Map<String, Integer> received = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(1));
      Question q = ask(inflow, ASKER, "VPN question " + i, "vpn");
      q.routedTo().forEach(id -> received.merge(id, 1, Integer::sum));
    }

    assertThat(received).containsOnly(Map.entry("eva", 2), Map.entry("finn", 2), Map.entry("gil", 2));
  }

  @Test
  void aStrongerExpertGetsMoreButNotAll() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(1).build());
    expert(inflow, "eva", "vpn");
    expert(inflow, "finn", "vpn");
    for (int i = 0; i < 2; i++) {
      Question earlier = ask(inflow, member("zed"), "Earlier " + i, "vpn");
      Caller eva = Caller.of("default", User.builder("eva").expertise(List.of("vpn")).build());
      Answer a = inflow.questions().answer(eva, earlier.id(), "answer", Optional.empty()).value();
      inflow.questions().accept(member("zed"), a.id());
    }

    Map<String, Integer> received = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(1));
      ask(inflow, ASKER, "VPN question " + i, "vpn").routedTo().forEach(id -> received.merge(id, 1, Integer::sum));
    }

    assertThat(inflow.experts().list(ASKER, Optional.of("vpn"), 10)).extracting(e -> e.user().id()).containsExactly("eva", "finn");
    assertThat(received).as("eva's two accepted answers earn her more questions, but finn still gets some")
        .containsOnly(Map.entry("eva", 4), Map.entry("finn", 2));
  }

  @Test
  void anUnansweredQuestionGoesToTheNextExpertsAtTheDeadlineThenToTheCommunityManager() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(1).build());
    expert(inflow, "eva", "vpn");
    expert(inflow, "finn", "vpn");
    inflow.questions().defineTag(ADMIN, "vpn", TagSettings.unchanged().withCommunityManagers(List.of("carla")));
    inflow.users().remember("default", User.builder("carla").roles(Role.MODERATOR).build());
    Question q = ask(inflow, ASKER, "VPN certificate expired", "vpn");
    assertThat(q.routedTo()).containsExactly("eva");

    clock.advance(Duration.ofHours(4).minusSeconds(1));
    assertThat(inflow.platform().jobs().runDue()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(inflow.platform().jobs().runDue()).isEqualTo(1);
    assertThat(routedTo(inflow, q)).containsExactly("eva", "finn");
    assertThat(inflow.questions().get(ADMIN, q.id()).question().escalationLevel()).isEqualTo(1);
    assertThat(notificationsOf(inflow, "finn")).extracting(Notification::reason).containsExactly(NotificationReason.QUESTION_ESCALATED);

    clock.advance(Duration.ofHours(4));
    assertThat(inflow.platform().jobs().runDue()).isEqualTo(1);
    assertThat(routedTo(inflow, q)).containsExactly("eva", "finn", "carla");
    assertThat(notificationsOf(inflow, "carla")).extracting(Notification::reason).containsExactly(NotificationReason.QUESTION_ESCALATED);
    assertThat(inflow.questions().communityQueue(member("carla"), Optional.empty())).singleElement().satisfies(queue -> {
      assertThat(queue.tag()).isEqualTo("vpn");
      assertThat(queue.escalated()).isEqualTo(1);
      assertThat(queue.questions()).extracting(Question::id).containsExactly(q.id());
    });

    clock.advance(Duration.ofDays(3));
    assertThat(inflow.platform().jobs().runDue()).as("no step after the community manager").isZero();
  }

  @Test
  void anAnsweredQuestionIsNotEscalated() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(1).build());
    expert(inflow, "eva", "vpn");
    expert(inflow, "finn", "vpn");
    Question q = ask(inflow, ASKER, "VPN certificate expired", "vpn");
    inflow.questions().answer(member("eva"), q.id(), "Renew it in the portal.", Optional.empty());

    clock.advance(Duration.ofHours(5));
    inflow.platform().jobs().runDue();

    assertThat(routedTo(inflow, q)).containsExactly("eva");
    assertThat(notificationsOf(inflow, "finn")).isEmpty();
  }

  @Test
  void eachEscalationStepRunsExactlyOnceWithTwoNodes() throws Exception {
    QuestionSettings settings = QuestionSettings.builder().expertsPerStep(1).build();
    Inflow nodeA = node(settings);
    Inflow nodeB = node(settings);
    expert(nodeA, "eva", "vpn");
    expert(nodeA, "finn", "vpn");
    nodeA.users().remember("default", User.builder("carla").roles(Role.MODERATOR).build());
    List<Question> asked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      asked.add(ask(i % 2 == 0 ? nodeA : nodeB, ASKER, "Unanswered " + i, "vpn"));
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int step = 1; step <= 2; step++) {
        clock.advance(Duration.ofHours(4));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (Inflow node : List.of(nodeA, nodeB, nodeA, nodeB)) {
          runs.add(pool.submit(() -> {
            go.await();
            return node.platform().jobs().runDue();
          }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> run : runs) {
          total += run.get();
        }
        assertThat(total).as("step " + step + " ran once per question across both nodes").isEqualTo(asked.size());
      }
    } finally {
      pool.shutdownNow();
    }

    for (Question q : asked) {
      assertThat(routedTo(nodeB, q)).containsExactly(q.routedTo().get(0), q.routedTo().get(0).equals("eva") ? "finn" : "eva", "carla");
    }
    long escalations = nodeA.events().after("default", 0, 1000).stream().filter(e -> e.kind().equals("question.escalated")).count();
    assertThat(escalations).isEqualTo(2L * asked.size());
    assertThat(nodeA.notifications().list(member("carla"), false, PageRequest.first(100)).items()).hasSize(asked.size());
  }

  @Test
  void aStepClaimedByANodeThatCrashedIsRunByAnotherOnceTheLeaseRunsOut() {
    QuestionSettings settings = QuestionSettings.builder().expertsPerStep(1).build();
    Inflow nodeA = node(settings);
    expert(nodeA, "eva", "vpn");
    expert(nodeA, "finn", "vpn");
    Question q = ask(nodeA, ASKER, "VPN certificate expired", "vpn");
    clock.advance(Duration.ofHours(4));
    // What a node does when it claims a job, and then it dies before finishing it.
    nodeA.platform().db().transaction(sql -> sql.update("UPDATE inflow_job SET lease_owner = 'crashed-node', lease_until = ?, attempts = 1"
        + " WHERE kind = 'question.escalate'", clock.instant().plus(Duration.ofMinutes(5))));
    nodeA.close();
    nodes.remove(nodeA);
    Inflow nodeB = node(settings);

    assertThat(nodeB.platform().jobs().runDue()).as("still leased to the dead node").isZero();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(nodeB.platform().jobs().runDue()).isEqualTo(1);
    assertThat(routedTo(nodeB, q)).containsExactly("eva", "finn");
  }

  @Test
  void deadlinesArePerTagAndCanCountBusinessHoursOnly() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(1).tagDeadline("security", Duration.ofHours(1))
        .businessHours(BusinessHours.weekdays(ZoneOffset.UTC, LocalTime.of(9, 0), LocalTime.of(17, 0))).build());
    expert(inflow, "eva", "vpn", "security");
    expert(inflow, "finn", "vpn", "security");
    clock.advance(Duration.ofDays(4).plusHours(7));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T16:00:00Z")).as("a Friday");
    Question vpn = ask(inflow, ASKER, "VPN slow", "vpn");
    Question security = ask(inflow, ASKER, "Phishing mail?", "security", "vpn");

    clock.advance(Duration.ofHours(1));
    assertThat(inflow.platform().jobs().runDue()).as("security: one working hour").isEqualTo(1);
    assertThat(routedTo(inflow, security)).hasSize(2);
    clock.advance(Duration.ofDays(2).plusHours(17).minusSeconds(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-30T09:59:59Z"));
    assertThat(inflow.platform().jobs().runDue()).as("nothing runs over the weekend").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(inflow.platform().jobs().runDue()).as("security's second step: one more working hour, Monday 10:00").isEqualTo(1);
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(inflow.platform().jobs().runDue()).as("vpn: 1 h on Friday, 3 h on Monday").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(inflow.platform().jobs().runDue()).isEqualTo(1);
    assertThat(routedTo(inflow, vpn)).hasSize(2);
  }

  @Test
  void administratorsChangeATagsDeadline() {
    Inflow inflow = node(QuestionSettings.builder().expertsPerStep(1).build());
    expert(inflow, "eva", "vpn");
    expert(inflow, "finn", "vpn");
    Tag tag = inflow.questions().defineTag(ADMIN, "vpn", TagSettings.unchanged().withDeadline(Duration.ofMinutes(30)));
    assertThat(tag.deadline()).isEqualTo(Duration.ofMinutes(30));
    Question q = ask(inflow, ASKER, "VPN slow", "vpn");

    clock.advance(Duration.ofMinutes(30));
    assertThat(inflow.platform().jobs().runDue()).isEqualTo(1);
    assertThat(routedTo(inflow, q)).hasSize(2);
  }
}
