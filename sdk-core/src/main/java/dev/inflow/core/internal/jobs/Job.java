package dev.inflow.core.internal.jobs;

import java.time.Instant;

/**
 * A unit of background work as a handler receives it.
 *
 * @param id job id
 * @param tenantId the tenant it belongs to
 * @param kind which handler runs it
 * @param payload JSON text given at enqueue
 * @param attempt 1 on the first run, 2 on the first retry, ...
 * @param maxAttempts after this many failed runs the job is dead-lettered
 * @param runAt when it was due
 */
public record Job(long id, String tenantId, String kind, String payload, int attempt, int maxAttempts, Instant runAt) {
  /** @return whether this is the last attempt before the job is dead-lettered */
  public boolean lastAttempt() {
    return attempt >= maxAttempts;
  }
}
