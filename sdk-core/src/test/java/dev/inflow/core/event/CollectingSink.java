package dev.inflow.core.event;

import dev.inflow.core.event.internal.LiveSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Collects what a live subscription delivers, for assertions. */
public final class CollectingSink implements LiveSink {
  private final List<Event> events = new ArrayList<>();
  private final List<String> resets = new ArrayList<>();

  @Override
  public synchronized void event(Event event) {
    events.add(event);
    notifyAll();
  }

  @Override
  public synchronized void reset(String topic, long seq) {
    resets.add(topic);
    notifyAll();
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> resets() {
    return List.copyOf(resets);
  }

  /** Waits until the delivered events satisfy the condition, failing after the timeout. */
  public synchronized List<Event> await(Predicate<List<Event>> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(events)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out; delivered so far: " + events.stream().map(e -> e.seq() + " " + e.kind()).toList());
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(events);
  }
}
