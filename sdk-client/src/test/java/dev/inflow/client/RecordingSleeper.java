package dev.inflow.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that remembers each wait and returns at once, so retry tests take no time. */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
  }

  synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }
}
