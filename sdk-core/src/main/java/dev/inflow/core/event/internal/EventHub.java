package dev.inflow.core.event.internal;

import dev.inflow.core.event.Event;
import dev.inflow.core.internal.Threads;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Dialect;
import dev.inflow.core.internal.metrics.Metrics;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tails the events table for live delivery on this node. The table is the truth; wake-ups (a
 * local commit, a PostgreSQL NOTIFY from another node, a poll every second) only say "look now".
 *
 * <p>Sequence numbers are drawn when a transaction inserts its event but become visible when it
 * commits, so number 11 can be visible while 10 is not yet. The hub therefore delivers strictly in
 * order and stops at a hole until it knows the hole is permanent: on PostgreSQL, when every
 * transaction that was running when the hole was seen has ended (transaction snapshots); on H2,
 * which serves one node, when no transaction of this node that could hold the number is still
 * open. A hole older than {@link #HOLE_TIMEOUT} is skipped with a warning, so a stuck transaction
 * cannot stop live delivery for everyone.
 *
 * <p>Thread-safe; starts its threads on first use.
 */
public final class EventHub implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());
  static final Duration HOLE_TIMEOUT = Duration.ofSeconds(10);
  private static final int BATCH = 500;

  /** A hole in the sequence being waited out. */
  private record Hole(long after, long xmax, Instant seenAt) {}

  private final Database db;
  private final EventStore store;
  private final Clock clock;
  private final Metrics metrics;
  private final Map<String, Set<LiveSubscription>> byTopic = new ConcurrentHashMap<>();
  private final List<Consumer<Event>> observers = new CopyOnWriteArrayList<>();
  private final Semaphore wake = new Semaphore(0);
  private volatile long position = -1;
  private volatile boolean running;
  private Thread tailer;
  private PostgresWakeup wakeup;
  private Hole hole;
  /** Numbers between the position and this one are known never to appear (rolled back). */
  private long permanentBelow = -1;

  public EventHub(Database db, EventStore store, Clock clock, Metrics metrics) {
    this.db = db;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    store.onAppend(tenant -> wake());
  }

  /** Opens a subscription for one connection; deliveries go to the sink. */
  public LiveSubscription open(String tenantId, LiveSink sink) {
    start();
    return new LiveSubscription(this, tenantId, sink);
  }

  /**
   * @return the sequence number up to which every event has been delivered (or was rolled back):
   *     a client that loads a view now and subscribes with this as {@code since} misses nothing
   */
  public long position() {
    start();
    return position;
  }

  /**
   * Lets a cache on this node learn of every change on every node: the observer sees each event
   * before the hub's {@link #position()} moves past it, so a view read at a position is dropped
   * before that position can be handed out with it.
   */
  public void observe(Consumer<Event> observer) {
    observers.add(observer);
  }

  /** @return whether the hub is tailing the events table, which it does from its first use on */
  public boolean running() {
    return running;
  }

  /** Asks the hub to look for new events now. */
  public void wake() {
    if (running) {
      wake.release();
    }
  }

  EventStore store() {
    return store;
  }

  long purgedThrough() {
    return store.purgedThrough();
  }

  void index(LiveSubscription subscription, Collection<String> topics) {
    for (String topic : topics) {
      byTopic.computeIfAbsent(subscription.tenantId() + "|" + topic, k -> ConcurrentHashMap.newKeySet()).add(subscription);
    }
  }

  void unindex(LiveSubscription subscription, Collection<String> topics) {
    for (String topic : topics) {
      byTopic.computeIfPresent(subscription.tenantId() + "|" + topic, (k, set) -> {
        set.remove(subscription);
        return set.isEmpty() ? null : set;
      });
    }
  }

  private synchronized void start() {
    if (running) {
      return;
    }
    position = db.read(sql -> sql.one("SELECT MAX(seq) AS m FROM inflow_event", row -> row.optionalLong("m").orElse(0L))).orElse(0L);
    running = true;
    tailer = Threads.daemon("inflow-events", this::tail);
    tailer.start();
    if (db.dialect() == Dialect.POSTGRESQL) {
      wakeup = new PostgresWakeup(db.dataSource(), EventStore.NOTIFY_CHANNEL, this::wake);
      wakeup.start();
    }
  }

  private void tail() {
    while (running) {
      try {
        boolean more = poll();
        if (!more) {
          wake.tryAcquire(hole != null ? 50 : 1_000, TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "live delivery paused, retrying in a second: " + e.getMessage());
        sleepQuietly();
      }
    }
  }

  /**
   * @return whether to read again at once: a full batch was read, or a hole was found permanent
   *     (then the rows are read again, so that an event whose transaction ended between the read
   *     and the decision is seen rather than skipped)
   */
  private boolean poll() {
    long xminBefore = db.dialect() == Dialect.POSTGRESQL ? snapshot("pg_snapshot_xmin") : 0;
    List<Event> events = store.allAfter(position, BATCH);
    for (Event event : events) {
      if (event.seq() > position + 1 && event.seq() > permanentBelow) {
        if (holePassed(event.seq(), xminBefore)) {
          permanentBelow = event.seq();
          return true;
        }
        return false;
      }
      hole = null;
      deliver(event);
      position = event.seq();
    }
    return events.size() == BATCH;
  }

  /** Decides whether the numbers between the position and {@code next} will never appear. */
  private boolean holePassed(long next, long xminBefore) {
    Instant now = clock.instant();
    if (hole == null || hole.after() != position) {
      long xmax = db.dialect() == Dialect.POSTGRESQL ? snapshot("pg_snapshot_xmax") : 0;
      hole = new Hole(position, xmax, now);
      return db.dialect() == Dialect.H2 && !store.inFlight().mayHold(position, next);
    }
    boolean passed = db.dialect() == Dialect.POSTGRESQL ? xminBefore >= hole.xmax() : !store.inFlight().mayHold(position, next);
    if (!passed && Duration.between(hole.seenAt(), now).compareTo(HOLE_TIMEOUT) > 0) {
      LOG.log(Level.WARNING, "event numbers {0} to {1} stayed missing for {2} s; delivering what follows",
          position + 1, next - 1, HOLE_TIMEOUT.toSeconds());
      return true;
    }
    return passed;
  }

  private long snapshot(String function) {
    return db.read(sql -> sql.one("SELECT " + function + "(pg_current_snapshot())::text::bigint AS x", row -> row.longValue("x"))).orElseThrow();
  }

  private void deliver(Event event) {
    for (Consumer<Event> observer : observers) {
      observer.accept(event);
    }
    Set<LiveSubscription> subscribers = byTopic.get(event.tenantId() + "|" + event.topic());
    if (subscribers == null) {
      return;
    }
    for (LiveSubscription subscription : subscribers) {
      subscription.offer(event);
    }
    metrics.increment("inflow_live_events_dispatched_total", "Events handed to live subscriptions on this node");
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (tailer != null) {
      tailer.interrupt();
    }
    if (wakeup != null) {
      wakeup.close();
    }
  }
}
