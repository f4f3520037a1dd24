package dev.inflow.core.internal;

import dev.inflow.core.Caller;
import dev.inflow.core.Limits;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.event.internal.EventHub;
import dev.inflow.core.event.internal.EventStore;
import dev.inflow.core.event.internal.LiveTickets;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.idempotency.IdempotencyKeys;
import dev.inflow.core.internal.jobs.Jobs;
import dev.inflow.core.internal.limit.RateLimiter;
import dev.inflow.core.internal.metrics.Metrics;
import dev.inflow.core.internal.text.Markdown;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.core.target.internal.TargetStore;
import dev.inflow.core.user.internal.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What every feature of Inflow shares: storage, time, limits, the host's access policy, users,
 * targets, events, rendering and metrics. Built once by {@link dev.inflow.core.Inflow}.
 *
 * @param db the database
 * @param clock the clock; use {@link #now()} for timestamps
 * @param limits size and rate limits
 * @param accessPolicy the access rules in effect: the host's, except for keys a feature owns (see
 *     {@code targetOwners})
 * @param rateLimiter per-user and per-tenant buckets
 * @param events the event log
 * @param users known users
 * @param targets target titles
 * @param markdown Markdown rendering
 * @param metrics counters
 * @param idempotency idempotency keys
 * @param jobs background work with row leases
 * @param hub live delivery of events on this node
 * @param tickets single-use tickets for the live channel
 * @param targetOwners where features register the target keys they own; the same object as
 *     {@code accessPolicy}
 */
public record Platform(
    Database db,
    Clock clock,
    Limits limits,
    AccessPolicy accessPolicy,
    RateLimiter rateLimiter,
    EventStore events,
    UserStore users,
    TargetStore targets,
    Markdown markdown,
    Metrics metrics,
    IdempotencyKeys idempotency,
    Jobs jobs,
    EventHub hub,
    LiveTickets tickets,
    OwnedTargets targetOwners) {

  /** @return the current time, truncated to what both databases store (microseconds) */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Refuses a read of a target the caller may not see: anonymous callers are asked to sign in,
   * signed-in callers get "not found" so that nothing about the target leaks.
   *
   * @param what describes the thing, e.g. "comment 42"
   */
  public void requireReadable(Caller caller, String targetKey, String what) {
    if (!accessPolicy.canRead(caller, targetKey)) {
      throw unreadable(caller, what);
    }
  }

  /** @return the exception for something that does not exist or may not be read */
  public static RuntimeException unreadable(Caller caller, String what) {
    return caller.signedIn() ? new NotFoundException(what) : new SignInRequiredException("sign in to see " + what);
  }
}
