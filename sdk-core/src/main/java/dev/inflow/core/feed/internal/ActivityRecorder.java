package dev.inflow.core.feed.internal;

import dev.inflow.core.feed.Activity;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.spi.Target;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records activities for every feature, inside the transaction of the change they describe: the
 * row and its tags, the home feeds of its write-time audience (the actor, followers of the actor and
 * topics, or the job that fills them; target followers read it at request time), the live event
 * {@code activity.created} on the stored topic {@value #TOPIC}, and whatever the listeners add
 * (the xAPI outbox). Callers run {@code platform.events().committed(tenant)} after the commit.
 *
 * <p>Thread-safe.
 */
public final class ActivityRecorder {
  /** The stored live topic of all activities of a tenant; feed topics filter it per subscriber. */
  public static final String TOPIC = "activities";
  /** Verbs of Inflow's own features; hosts' verbs are counted together so that metrics stay small. */
  private static final java.util.Set<String> OWN_VERBS = java.util.Set.of("commented", "replied", "liked", "asked", "answered", "accepted", "verified");
  private final Platform platform;
  private final FanOut fanOut;
  private final List<ActivityListener> listeners = new CopyOnWriteArrayList<>();

  ActivityRecorder(Platform platform, FanOut fanOut) {
    this.platform = platform;
    this.fanOut = fanOut;
  }

  /** Adds work done with every activity recorded from now on. */
  public void addListener(ActivityListener listener) {
    listeners.add(listener);
  }

  /** @return the new activity as readers see it */
  public Activity record(Sql sql, String tenant, ActivityDraft draft) throws SQLException {
    Instant now = platform.now();
    long id = ActivityStore.insert(sql, tenant, draft, now);
    fanOut.deliver(sql, tenant, new FanOut.Audience(id, draft.actor().map(a -> a.id()), draft.tags()), now, platform.jobs());
    ActivityRow row = new ActivityRow(id, draft.actor(), draft.verb(), draft.objectId(), draft.objectType(), draft.objectName(),
        draft.objectUrl(), draft.targetKey(), draft.accessKey(), draft.groupKey(), draft.tags(), now);
    // Read with this transaction's connection: the page may have declared the target in it just now.
    Target target = draft.targetKey().isPresent() ? platform.targets().resolve(sql, tenant, draft.targetKey().get()) : null;
    Activity view = ActivityViews.single(row, key -> target);
    platform.events().append(sql, tenant, TOPIC, "activity.created", draft.accessKey(), Map.of("activity", view));
    for (ActivityListener listener : listeners) {
      listener.recorded(sql, tenant, draft, view);
    }
    String verb = OWN_VERBS.contains(draft.verb()) ? draft.verb() : "host";
    sql.afterCommit(() -> platform.metrics().increment("inflow_activities_total", "Activities recorded", "verb", verb));
    return view;
  }

  /** Hides the activities about an object while it is deleted or hidden, or shows them again. */
  public void withdraw(Sql sql, String tenant, String objectId, boolean withdrawn) throws SQLException {
    ActivityStore.setWithdrawn(sql, tenant, objectId, withdrawn);
  }

  /** Shows a new name for an object in its activities (e.g. an edited comment's first words). */
  public void rename(Sql sql, String tenant, String objectId, String name) throws SQLException {
    ActivityStore.rename(sql, tenant, objectId, name);
  }

  /** @return whether the actor already did this to the object */
  public boolean exists(Sql sql, String tenant, String objectId, String actorId, String verb) throws SQLException {
    return ActivityStore.exists(sql, tenant, objectId, actorId, verb);
  }

  /** @return the name the activities about an object show for it, if any recorded one */
  public Optional<String> nameOf(Sql sql, String tenant, String objectId) throws SQLException {
    return sql.one("SELECT object_name FROM inflow_activity WHERE tenant_id = ? AND object_id = ? ORDER BY id LIMIT 1",
        row -> row.string("object_name"), tenant, objectId);
  }
}
