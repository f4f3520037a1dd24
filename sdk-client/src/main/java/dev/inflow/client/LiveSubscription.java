package dev.inflow.client;

import java.util.OptionalLong;
import java.util.Set;

/**
 * A running live subscription from {@link LiveApi#subscribe}. It keeps one WebSocket open,
 * reconnects with exponential backoff and full jitter when it drops, and resumes after the last
 * sequence number it delivered, so that the listener sees every event once and in order. Close it
 * when done; closing the client closes it too.
 *
 * <p>Thread-safe.
 */
public interface LiveSubscription extends AutoCloseable {
  /** @return the sequence number of the last event delivered (or the position at subscribe); empty before the first */
  OptionalLong lastSeq();

  /** @return the topics still followed (topics the server refused are dropped); unmodifiable */
  Set<LiveTopic> topics();

  /** @return whether the connection is open right now */
  boolean connected();

  /** Stops: closes the connection and cancels reconnects. Closing twice does nothing. */
  @Override
  void close();
}
