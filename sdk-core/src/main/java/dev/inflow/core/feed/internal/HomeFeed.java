package dev.inflow.core.feed.internal;

import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The home feed's source, mixed fan-out: the reader's own feed entries (written at post time for
 * the actor, the actor's followers and topic followers) merged with the activities of the targets
 * the reader follows, read now through {@code inflow_activity (tenant_id, target_key, id)}. Both
 * streams are newest first by activity id, so the merge is one stream ordered by id: the pager's
 * cursor (the last id used) works unchanged, and an activity that reaches the reader both ways is
 * one row.
 *
 * <p>The target stream is bounded however many targets the reader follows (up to
 * {@link DefaultFollows#MAX_FOLLOWS}): each target gives at most {@code limit} ids from its index
 * range (an index range scan with LIMIT), read {@value #CHUNK} targets at a time (one statement on
 * PostgreSQL, see {@link ActivityStore#newestOnTargets}); once {@code limit} candidates are known,
 * later chunks only look above the lowest of them, so a quiet target costs one index descent. Only
 * the ids that make the page are then read in full, by primary key.
 *
 * <p>Not thread-safe; one instance per home page request.
 */
final class HomeFeed implements FeedPager.Source {
  /** Targets per chunk: enough to keep round trips few, few enough to keep a statement small and raise the floor early. */
  static final int CHUNK = 50;

  private final String tenant;
  private final String userId;
  private final List<String> targets;

  /** @param targets the targets the reader follows and has not muted */
  HomeFeed(String tenant, String userId, List<String> targets) {
    this.tenant = tenant;
    this.userId = userId;
    this.targets = List.copyOf(targets);
  }

  @Override
  public List<ActivityRow> fetch(Sql sql, long before, int limit) throws SQLException {
    List<ActivityRow> entries = ActivityStore.home(sql, tenant, userId, before, limit);
    if (targets.isEmpty()) {
      return entries;
    }
    // With a full page of entries, target activities older than the last of them cannot make the page.
    long floor = entries.size() == limit ? entries.get(entries.size() - 1).id() : 0;
    Set<Long> have = new HashSet<>();
    entries.forEach(row -> have.add(row.id()));
    TreeSet<Long> newest = new TreeSet<>(Comparator.reverseOrder());
    for (int from = 0; from < targets.size(); from += CHUNK) {
      List<String> chunk = targets.subList(from, Math.min(targets.size(), from + CHUNK));
      for (long id : ActivityStore.newestOnTargets(sql, tenant, chunk, before, floor, limit)) {
        if (!have.contains(id)) {
          newest.add(id);
        }
      }
      while (newest.size() > limit) {
        newest.pollLast();
      }
      if (newest.size() == limit) {
        floor = Math.max(floor, newest.last());
      }
    }
    if (newest.isEmpty()) {
      return entries;
    }
    List<ActivityRow> merged = new ArrayList<>(entries);
    merged.addAll(ActivityStore.byIds(sql, tenant, newest));
    merged.sort(Comparator.comparingLong(ActivityRow::id).reversed());
    return merged.size() > limit ? merged.subList(0, limit) : merged;
  }
}
