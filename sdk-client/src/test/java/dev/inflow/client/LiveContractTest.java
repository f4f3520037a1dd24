package dev.inflow.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The live channel against the real server: subscribe, receive what others post, and come through
 * a dropped connection (a proxy that cuts and refuses connections) without losing or repeating an
 * event.
 */
class LiveContractTest extends ContractServer {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Records everything a subscription reports. */
  static final class Recorder implements LiveListener {
    final List<LiveEvent> events = new CopyOnWriteArrayList<>();
    final List<LiveTopic> resets = new CopyOnWriteArrayList<>();
    final List<String> topicErrors = new CopyOnWriteArrayList<>();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger disconnects = new AtomicInteger();

    @Override
    public void onEvent(LiveEvent event) {
      events.add(event);
    }

    @Override
    public void onReset(LiveTopic topic) {
      resets.add(topic);
    }

    @Override
    public void onTopicError(LiveTopic topic, int status, String detail) {
      topicErrors.add(topic.name() + " " + status);
    }

    @Override
    public void onConnected() {
      connects.incrementAndGet();
    }

    @Override
    public void onDisconnected(InflowApiException failure, Duration retryIn) {
      disconnects.incrementAndGet();
    }

    List<String> commentIds() {
      List<String> ids = new ArrayList<>();
      for (LiveEvent e : events) {
        ids.add(read(e.json()).path("id").asText());
      }
      return ids;
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(json, e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for: " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aCommentPostedByOthersArrivesLive() throws Exception {
    String target = newTarget();
    Recorder ben = new Recorder();
    try (LiveSubscription live = as("ben").live().subscribe(List.of(LiveTopic.target(target)), ben)) {
      await("subscribed", () -> live.lastSeq().isPresent());

      Comment posted = as("ana").comments().create(target, NewComment.of("Live *hello*"));

      await("the comment event", () -> !ben.events.isEmpty());
      LiveEvent event = ben.events.get(0);
      assertThat(event.kind()).isEqualTo("comment.created");
      assertThat(event.topic()).isEqualTo("target:" + target);
      assertThat(read(event.json()).path("id").asText()).isEqualTo(posted.id());
      assertThat(live.lastSeq()).hasValue(event.seq());
      assertThat(live.connected()).isTrue();
    }
  }

  @Test
  void aDroppedConnectionResumesFromTheLastSequenceWithoutLossOrRepeats() throws Exception {
    String target = newTarget();
    Recorder ben = new Recorder();
    try (DroppingProxy proxy = new DroppingProxy(server.port());
        InflowClient viaProxy = InflowClient.builder().baseUrl(proxy.baseUrl() + "/inflow").maxRetries(0)
            .tokenSupplier(() -> signer.sign(TokenUser.of("ben", "Ben"))).build();
        LiveSubscription live = viaProxy.live().subscribe(List.of(LiveTopic.target(target)), ben)) {
      await("subscribed", () -> live.lastSeq().isPresent());
      List<String> posted = new ArrayList<>();
      posted.add(as("ana").comments().create(target, NewComment.of("before the drop")).id());
      await("the first event", () -> ben.events.size() == 1);

      proxy.cut();
      await("the subscription to notice", () -> !live.connected());
      posted.add(as("ana").comments().create(target, NewComment.of("while away 1")).id());
      posted.add(as("ana").comments().create(target, NewComment.of("while away 2")).id());
      Thread.sleep(300); // a reconnect attempt or two meets the refusing proxy
      proxy.heal();
      await("the missed events", () -> ben.events.size() >= 3);
      posted.add(as("ana").comments().create(target, NewComment.of("after the return")).id());
      await("the next live event", () -> ben.events.size() >= 4);
      Thread.sleep(200); // room for a repeat to show up, if the client let one through

      assertThat(ben.commentIds()).containsExactlyElementsOf(posted);
      assertThat(ben.events).extracting(LiveEvent::seq).isSorted().doesNotHaveDuplicates();
      assertThat(ben.disconnects.get()).isPositive();
      assertThat(ben.connects.get()).isGreaterThanOrEqualTo(2);
      assertThat(ben.resets).isEmpty();
    }
  }

  @Test
  void aGapTheServerNoLongerKeepsIsReportedAsAReset() throws Exception {
    String target = newTarget();
    Recorder ben = new Recorder();
    try (DroppingProxy proxy = new DroppingProxy(server.port());
        InflowClient viaProxy = InflowClient.builder().baseUrl(proxy.baseUrl() + "/inflow").maxRetries(0)
            .tokenSupplier(() -> signer.sign(TokenUser.of("ben", "Ben"))).build();
        LiveSubscription live = viaProxy.live().subscribe(List.of(LiveTopic.target(target)), ben)) {
      await("subscribed", () -> live.lastSeq().isPresent());
      as("ana").comments().create(target, NewComment.of("seen"));
      await("the first event", () -> ben.events.size() == 1);

      proxy.cut();
      await("the subscription to notice", () -> !live.connected());
      as("ana").comments().create(target, NewComment.of("missed, then purged"));
      Thread.sleep(20);
      inflow.platform().events().purge(Duration.ZERO);
      proxy.heal();

      await("the reset", () -> !ben.resets.isEmpty());
      assertThat(ben.resets).containsExactly(LiveTopic.target(target));
      Comment after = as("ana").comments().create(target, NewComment.of("after the reload"));
      await("the next live event", () -> ben.events.size() == 2);
      assertThat(read(ben.events.get(1).json()).path("id").asText()).isEqualTo(after.id());
    }
  }

  @Test
  void eventsAfterAKnownPositionAreReplayedOnSubscribe() throws Exception {
    String target = newTarget();
    OptionalLong position;
    try (LiveSubscription first = as("ben").live().subscribe(List.of(LiveTopic.target(target)), event -> { })) {
      await("subscribed", () -> first.lastSeq().isPresent());
      position = first.lastSeq();
    }
    Comment meanwhile = as("ana").comments().create(target, NewComment.of("posted between reading and subscribing"));
    Recorder ben = new Recorder();

    try (LiveSubscription live = as("ben").live().subscribe(List.of(LiveTopic.target(target)), position, ben)) {
      await("the replayed event", () -> !ben.events.isEmpty());
      assertThat(ben.commentIds()).containsExactly(meanwhile.id());
    }
  }

  @Test
  void notificationsAndQuestionsArriveAndRefusedTopicsAreReported() throws Exception {
    String tag = newTag();
    InflowClient eva = expert("eva-" + tag, tag);
    Recorder recorder = new Recorder();
    try (LiveSubscription live = eva.live().subscribe(List.of(LiveTopic.notifications(), LiveTopic.question("987654321"),
        new LiveTopic("bogus:x")), recorder)) {
      await("two refusals", () -> recorder.topicErrors.size() == 2);
      assertThat(recorder.topicErrors).containsExactlyInAnyOrder("question:987654321 404", "bogus:x 400");
      assertThat(live.topics()).containsExactly(LiveTopic.notifications());
      await("subscribed", () -> live.lastSeq().isPresent());

      Question q = as("ana").questions().ask(NewQuestion.builder("Routed live", tag).build());

      await("the notification", () -> !recorder.events.isEmpty());
      assertThat(recorder.events.get(0).kind()).isEqualTo("notification.created");
      assertThat(read(recorder.events.get(0).json()).path("notification").path("questionId").asText()).isEqualTo(q.id());
    }
    Question q = as("ana").questions().ask(NewQuestion.builder("Followed live", tag).build());
    Recorder ben = new Recorder();
    try (LiveSubscription live = as("ben").live().subscribe(List.of(LiveTopic.question(q.id())), ben)) {
      await("subscribed", () -> live.lastSeq().isPresent());
      as("dev").questions().answer(q.id(), "Live answer");
      await("the answer", () -> !ben.events.isEmpty());
      assertThat(ben.events.get(0).kind()).isEqualTo("answer.created");
    }
  }

  @Test
  void publishedActivitiesArriveOnTheFeedsTheyBelongTo() throws Exception {
    String tag = newTag();
    Recorder ben = new Recorder();
    try (LiveSubscription live = as("ben").live().subscribe(List.of(LiveTopic.topicFeed(tag), LiveTopic.userFeed("uma-" + tag),
        LiveTopic.topicFeed("other-" + tag)), ben)) {
      await("subscribed", () -> live.lastSeq().isPresent());

      Activity published = as("lms", "service").activities().publish(NewActivity.builder("completed", "course:" + tag, "Java 101")
          .actor("uma-" + tag, "Uma").tags(tag).build());

      await("the activity on both feeds", () -> ben.events.size() == 2);
      Thread.sleep(200);
      assertThat(ben.events).extracting(LiveEvent::topic).containsExactlyInAnyOrder("feed:topic:" + tag, "feed:user:uma-" + tag);
      assertThat(ben.events).allSatisfy(e -> {
        assertThat(e.kind()).isEqualTo("activity.created");
        assertThat(read(e.json()).path("activity").path("id").asText()).isEqualTo(published.id());
      });
    }
  }

  @Test
  void closingTheClientClosesItsSubscriptionsAndAClosedClientSubscribesNoMore() throws Exception {
    String target = newTarget();
    Recorder ben = new Recorder();
    InflowClient own = InflowClient.builder().baseUrl(server.baseUrl() + "/inflow")
        .tokenSupplier(() -> signer.sign(TokenUser.of("ben", "Ben"))).build();
    LiveSubscription live = own.live().subscribe(List.of(LiveTopic.target(target)), ben);
    await("subscribed", () -> live.lastSeq().isPresent());

    own.close();

    assertThat(live.connected()).isFalse();
    as("ana").comments().create(target, NewComment.of("nobody listens"));
    Thread.sleep(300);
    assertThat(ben.events).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> own.live().subscribe(List.of(LiveTopic.target(target)), ben))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTokenTheServerRefusesIsReportedAndRetriedUntilClosed() throws Exception {
    Recorder recorder = new Recorder();
    List<InflowApiException> failures = new CopyOnWriteArrayList<>();
    InflowClient forged = client.withTokenSupplier(() -> "not.a.token");
    try (LiveSubscription live = forged.live().subscribe(List.of(LiveTopic.target(newTarget())), new LiveListener() {
      @Override
      public void onEvent(LiveEvent event) {
        recorder.onEvent(event);
      }

      @Override
      public void onDisconnected(InflowApiException failure, Duration retryIn) {
        failures.add(failure);
      }
    })) {
      await("the refusal", () -> !failures.isEmpty());
      assertThat(failures.get(0)).isInstanceOf(UnauthorizedException.class);
      assertThat(live.connected()).isFalse();
    }
  }
}
