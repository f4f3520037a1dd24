package dev.inflow.core.event;

import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.BEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.event.internal.EventHub;
import dev.inflow.core.event.internal.LiveSubscription;
import dev.inflow.core.testing.People;
import dev.inflow.core.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHubTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Inflow inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(5_000).build()).build();
  private final EventHub hub = inflow.platform().hub();

  @AfterEach
  void stop() {
    inflow.close();
  }

  private void comment(String target, String body) {
    inflow.comments().create(ANA, target, NewComment.of(body), Optional.empty());
  }

  @Test
  void aSubscriberGetsEventsOfItsTopicsAndTenantOnlyInOrder() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (LiveSubscription sub = hub.open("default", sink)) {
      sub.subscribe(List.of("target:order:1"), OptionalLong.empty());
      comment("order:1", "one");
      comment("order:2", "elsewhere");
      inflow.comments().create(People.inTenant("acme", ANA), "order:1", NewComment.of("other tenant"), Optional.empty());
      comment("order:1", "two");

      List<Event> got = sink.await(e -> e.size() >= 2, WAIT);
      Thread.sleep(200);
      assertThat(sink.events()).hasSize(2);
      assertThat(got).extracting(Event::payload).allSatisfy(p -> assertThat(p).doesNotContain("elsewhere", "other tenant"));
      assertThat(got.get(0).seq()).isLessThan(got.get(1).seq());
    }
  }

  @Test
  void resumingReplaysWhatWasMissedThenContinuesLiveWithoutRepeats() throws Exception {
    comment("kb/a", "before");
    long since = hub.position();
    comment("kb/a", "missed 1");
    comment("kb/a", "missed 2");
    awaitPosition(since + 2);

    CollectingSink sink = new CollectingSink();
    try (LiveSubscription sub = hub.open("default", sink)) {
      sub.subscribe(List.of("target:kb/a"), OptionalLong.of(since));
      comment("kb/a", "live");
      List<Event> got = sink.await(e -> e.size() >= 3, WAIT);
      assertThat(got).extracting(e -> e.payload().replaceAll(".*\"body\":\"([^\"]*)\".*", "$1"))
          .containsExactly("missed 1", "missed 2", "live");
      assertThat(got).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void anEventCommittedLateIsStillDeliveredBeforeTheOnesThatFollowIt() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (LiveSubscription sub = hub.open("default", sink)) {
      sub.subscribe(List.of("target:t"), OptionalLong.empty());
      CountDownLatch drawn = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> inflow.platform().db().transaction(sql -> {
        long seq = inflow.platform().events().append(sql, "default", "target:t", "test.slow", Optional.of("t"), Map.of("n", "slow"));
        drawn.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return seq;
      }));
      assertThat(drawn.await(5, TimeUnit.SECONDS)).isTrue();
      long fast = inflow.platform().db().transaction(sql ->
          inflow.platform().events().append(sql, "default", "target:t", "test.fast", Optional.of("t"), Map.of("n", "fast")));
      inflow.platform().events().committed("default");

      Thread.sleep(300);
      assertThat(sink.events()).as("the later number waits for the earlier one").isEmpty();
      release.countDown();
      long slowSeq = slow.get(5, TimeUnit.SECONDS);
      inflow.platform().events().committed("default");

      List<Event> got = sink.await(e -> e.size() >= 2, WAIT);
      assertThat(slowSeq).isLessThan(fast);
      assertThat(got).extracting(Event::kind).containsExactly("test.slow", "test.fast");
    }
  }

  @Test
  void aRolledBackEventLeavesAHoleThatIsSkippedQuickly() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (LiveSubscription sub = hub.open("default", sink)) {
      sub.subscribe(List.of("target:t"), OptionalLong.empty());
      try {
        inflow.platform().db().transaction(sql -> {
          inflow.platform().events().append(sql, "default", "target:t", "test.rolled-back", Optional.of("t"), Map.of());
          throw new IllegalStateException("rollback");
        });
      } catch (IllegalStateException expected) {
        // the event's number is now a hole
      }
      long start = System.nanoTime();
      comment("t", "after the hole");

      List<Event> got = sink.await(e -> !e.isEmpty(), WAIT);
      assertThat(got).extracting(Event::kind).containsExactly("comment.created");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void resumingFromBeforeWhatRetentionDeletedAsksTheClientToReload() throws Exception {
    comment("kb/old", "old");
    awaitPosition(1);
    inflow.platform().db().transaction(sql -> sql.update("UPDATE inflow_event_horizon SET purged_through = ?", hub.position()));
    CollectingSink sink = new CollectingSink();
    try (LiveSubscription sub = hub.open("default", sink)) {
      sub.subscribe(List.of("target:kb/old"), OptionalLong.of(0));
      assertThat(sink.resets()).containsExactly("target:kb/old");
      assertThat(sink.events()).isEmpty();
      comment("kb/old", "new");
      assertThat(sink.await(e -> !e.isEmpty(), WAIT)).hasSize(1);
    }
  }

  @Test
  void aBacklogTooLongToReplayAsksTheClientToReload() throws Exception {
    long since = hub.position();
    inflow.platform().db().transaction(sql -> {
      for (int i = 0; i < 1_001; i++) {
        inflow.platform().events().append(sql, "default", "target:busy", "test.bulk", Optional.of("busy"), Map.of("i", i));
      }
      return null;
    });
    inflow.platform().events().committed("default");
    awaitPosition(since + 1_001);
    CollectingSink sink = new CollectingSink();
    try (LiveSubscription sub = hub.open("default", sink)) {
      sub.subscribe(List.of("target:busy"), OptionalLong.of(since));
      assertThat(sink.resets()).containsExactly("target:busy");
      assertThat(sink.events()).isEmpty();
    }
  }

  @Test
  void unsubscribedTopicsStopArriving() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (LiveSubscription sub = hub.open("default", sink)) {
      sub.subscribe(List.of("target:x", "target:y"), OptionalLong.empty());
      sub.unsubscribe(List.of("target:x"));
      inflow.comments().create(BEN, "x", NewComment.of("not for me"), Optional.empty());
      comment("y", "for me");
      List<Event> got = sink.await(e -> !e.isEmpty(), WAIT);
      Thread.sleep(200);
      assertThat(sink.events()).hasSize(1);
      assertThat(got.get(0).topic()).isEqualTo("target:y");
    }
  }

  private void awaitPosition(long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (hub.position() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hub.position()).isGreaterThanOrEqualTo(atLeast);
  }
}
