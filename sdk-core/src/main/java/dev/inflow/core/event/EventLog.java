package dev.inflow.core.event;

import java.util.List;
import java.util.function.Consumer;

/**
 * The log of every change, per tenant, read by the live channel and webhooks. The database table
 * is the truth; listeners are only a wake-up call to read it.
 *
 * <p>Thread-safe.
 */
public interface EventLog {
  /**
   * @param tenantId the tenant
   * @param afterSeq return events with a higher sequence number; 0 for the oldest kept
   * @param limit at most this many, 1–1000
   * @return events in sequence order, unmodifiable
   */
  List<Event> after(String tenantId, long afterSeq, int limit);

  /** @return the highest sequence number recorded for the tenant, 0 when none */
  long lastSeq(String tenantId);

  /**
   * Registers a wake-up call, run on the committing thread after a transaction that recorded
   * events for a tenant commits. Listeners must be quick and must not throw.
   *
   * @param tenantAppended receives the tenant id
   * @return closing it removes the listener
   */
  AutoCloseable onAppend(Consumer<String> tenantAppended);
}
