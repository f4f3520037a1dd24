package dev.inflow.core.delivery;

import dev.inflow.core.Caller;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;

/**
 * Background deliveries of a tenant that failed for good (dead letters), for its administrators.
 * Every method needs the {@link dev.inflow.core.Role#ADMIN} role
 * ({@link dev.inflow.core.AccessDeniedException} otherwise).
 *
 * <p>Thread-safe.
 */
public interface DeadLetters {
  /** @return the tenant's dead letters, newest first */
  Page<DeadLetter> list(Caller caller, PageRequest page);

  /**
   * Puts a dead letter back in the queue with a fresh set of attempts.
   *
   * @throws dev.inflow.core.NotFoundException when there is no such dead letter in the tenant
   */
  void retry(Caller caller, String id);
}
