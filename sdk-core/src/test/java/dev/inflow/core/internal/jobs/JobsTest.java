package dev.inflow.core.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.Inflow;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  private final String url = TestDatabase.freshUrl();
  private final Inflow nodeA = node();
  private Inflow nodeB;

  private Inflow node() {
    return Inflow.builder().jdbcUrl(url).clock(clock).runBackgroundJobs(false).jobLease(Duration.ofMinutes(5)).build();
  }

  @AfterEach
  void stop() {
    nodeA.close();
    if (nodeB != null) {
      nodeB.close();
    }
  }

  private void enqueue(Inflow node, String kind, Optional<String> dedupe, Instant runAt, int maxAttempts) {
    node.platform().db().transaction(sql -> node.platform().jobs().enqueue(sql, "default", kind, dedupe, Map.of("n", 1), runAt, maxAttempts));
  }

  @Test
  void aJobRunsOnceWhenDueAndNotBefore() {
    AtomicInteger runs = new AtomicInteger();
    nodeA.platform().jobs().register("ping", job -> runs.incrementAndGet());
    enqueue(nodeA, "ping", Optional.empty(), clock.instant().plus(Duration.ofHours(4)), 3);

    assertThat(nodeA.platform().jobs().runDue()).isZero();
    clock.advance(Duration.ofHours(4));
    assertThat(nodeA.platform().jobs().runDue()).isEqualTo(1);
    assertThat(nodeA.platform().jobs().runDue()).isZero();
    assertThat(runs).hasValue(1);
  }

  @Test
  void failuresAreRetriedWithBackoffThenDeadLettered() {
    AtomicInteger runs = new AtomicInteger();
    nodeA.platform().jobs().register("flaky", job -> {
      runs.incrementAndGet();
      throw new IllegalStateException("receiver down");
    });
    enqueue(nodeA, "flaky", Optional.empty(), clock.instant(), 3);

    nodeA.platform().jobs().runDue();
    assertThat(nodeA.platform().jobs().runDue()).as("not retried before the backoff").isZero();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofHours(1));
      nodeA.platform().jobs().runDue();
    }

    assertThat(runs).hasValue(3);
    List<JobRecord> dead = nodeA.platform().jobs().list("default", "DEAD", 10);
    assertThat(dead).singleElement().satisfies(j -> {
      assertThat(j.attempts()).isEqualTo(3);
      assertThat(j.lastError()).contains("IllegalStateException: receiver down");
    });
    assertThat(nodeA.platform().jobs().retry("default", dead.get(0).id())).isTrue();
    nodeA.platform().jobs().runDue();
    assertThat(runs).hasValue(4);
  }

  @Test
  void aPermanentFailureIsDeadLetteredAtOnce() {
    nodeA.platform().jobs().register("rejected", job -> {
      throw new PermanentJobFailure("LRS answered 400");
    });
    enqueue(nodeA, "rejected", Optional.empty(), clock.instant(), 10);

    nodeA.platform().jobs().runDue();

    assertThat(nodeA.platform().jobs().list("default", "DEAD", 10)).singleElement()
        .satisfies(j -> assertThat(j.lastError()).contains("LRS answered 400"));
  }

  @Test
  void aDedupeKeyKeepsASecondJobFromBeingCreated() {
    AtomicInteger runs = new AtomicInteger();
    nodeA.platform().jobs().register("step", job -> runs.incrementAndGet());
    enqueue(nodeA, "step", Optional.of("question:12:level:1"), clock.instant(), 3);
    enqueue(nodeA, "step", Optional.of("question:12:level:1"), clock.instant(), 3);

    nodeA.platform().jobs().runDue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aJobEnqueuedInARolledBackTransactionNeverExists() {
    nodeA.platform().jobs().register("ghost", job -> {
      throw new AssertionError("must never run");
    });
    assertThatThrownBy(() -> nodeA.platform().db().transaction(sql -> {
      nodeA.platform().jobs().enqueue(sql, "default", "ghost", Optional.empty(), Map.of(), clock.instant(), 3);
      throw new IllegalStateException("the change failed");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(nodeA.platform().jobs().runDue()).isZero();
  }

  @Test
  void twoNodesRacingRunEachJobExactlyOnce() throws Exception {
    nodeB = node();
    Map<String, AtomicInteger> runsPerJob = new ConcurrentHashMap<>();
    JobHandler counting = job -> runsPerJob.computeIfAbsent(Long.toString(job.id()), k -> new AtomicInteger()).incrementAndGet();
    nodeA.platform().jobs().register("race", counting);
    nodeB.platform().jobs().register("race", counting);
    for (int i = 0; i < 120; i++) {
      enqueue(nodeA, "race", Optional.empty(), clock.instant(), 3);
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Object>> workers = List.of(nodeA, nodeB, nodeA, nodeB).stream().map(node -> pool.submit(() -> {
        start.await();
        while (node.platform().jobs().runDue() > 0) {
          Thread.onSpinWait();
        }
        return (Object) null;
      })).toList();
      start.countDown();
      for (Future<Object> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(runsPerJob).hasSize(120);
    assertThat(runsPerJob.values()).allSatisfy(n -> assertThat(n).hasValue(1));
  }

  @Test
  void aJobHeldByACrashedNodeIsTakenOverWhenItsLeaseExpires() {
    nodeB = node();
    AtomicInteger runsOnB = new AtomicInteger();
    nodeB.platform().jobs().register("deliver", job -> runsOnB.incrementAndGet());
    enqueue(nodeA, "deliver", Optional.empty(), clock.instant(), 3);
    // node A claims the job and dies before finishing it
    nodeA.platform().db().transaction(sql -> sql.update("UPDATE inflow_job SET lease_owner = 'node-a', lease_until = ?, attempts = 1",
        clock.instant().plus(Duration.ofMinutes(5))));

    assertThat(nodeB.platform().jobs().runDue()).as("still leased to node A").isZero();
    clock.advance(Duration.ofMinutes(6));
    assertThat(nodeB.platform().jobs().runDue()).isEqualTo(1);
    assertThat(runsOnB).hasValue(1);
  }
}
