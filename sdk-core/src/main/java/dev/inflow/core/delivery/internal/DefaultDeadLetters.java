package dev.inflow.core.delivery.internal;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.delivery.DeadLetter;
import dev.inflow.core.delivery.DeadLetters;
import dev.inflow.core.internal.Cursors;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.jobs.JobRecord;
import java.util.List;
import java.util.Optional;

/** Dead letters are the outbox's jobs in status DEAD; see {@link DeadLetters}. */
public final class DefaultDeadLetters implements DeadLetters {
  private final Platform platform;

  public DefaultDeadLetters(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Page<DeadLetter> list(Caller caller, PageRequest page) {
    requireAdmin(caller);
    long before = page.cursor().map(c -> Cursors.number(Cursors.decode(c, "dead", 1).get(0))).orElse(Long.MAX_VALUE);
    List<JobRecord> jobs = platform.jobs().list(caller.tenantId(), "DEAD", before, page.limit() + 1);
    boolean more = jobs.size() > page.limit();
    List<JobRecord> shown = more ? jobs.subList(0, page.limit()) : jobs;
    List<DeadLetter> items = shown.stream().map(j -> new DeadLetter(Long.toString(j.id()), j.kind(), j.attempts(), j.lastError(), j.payload(),
        j.createdAt(), j.runAt())).toList();
    return new Page<>(items, more ? Optional.of(Cursors.encode("dead", shown.get(shown.size() - 1).id())) : Optional.empty());
  }

  @Override
  public void retry(Caller caller, String id) {
    requireAdmin(caller);
    long jobId;
    try {
      jobId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFoundException("dead letter " + (id.length() > 40 ? id.substring(0, 40) + "…" : id));
    }
    platform.rateLimiter().acquireWrite(caller);
    if (!platform.jobs().retry(caller.tenantId(), jobId)) {
      throw new NotFoundException("dead letter " + id);
    }
    platform.metrics().increment("inflow_dead_letters_retried_total", "Dead letters put back in the queue by administrators");
  }

  static void requireAdmin(Caller caller) {
    caller.requireUser("manage deliveries");
    if (!caller.hasRole(Role.ADMIN)) {
      throw new AccessDeniedException("only tenant administrators may see and retry failed deliveries");
    }
  }
}
