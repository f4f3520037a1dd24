package dev.inflow.core.feed.internal;

import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.internal.Cursors;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Builds one page of a feed: reads activities newest first from a source, leaves out those the
 * caller may not read, and folds similar ones close in time. A page holds at most {@code limit}
 * items, each possibly standing for many activities; its cursor is the id of the last activity it
 * used, so the next page starts right after it.
 */
final class FeedPager {
  /** Activities looked at per request while skipping unreadable ones, so one request stays bounded. */
  static final int SCAN_LIMIT = 2_000;

  /** Reads activities older than {@code before}, newest first. */
  @FunctionalInterface
  interface Source {
    List<ActivityRow> fetch(Sql sql, long before, int limit) throws SQLException;
  }

  private final Platform platform;
  private final Duration window;

  FeedPager(Platform platform, Duration window) {
    this.platform = platform;
    this.window = window;
  }

  Page<Activity> page(Caller caller, String feed, Source source, PageRequest page) {
    return page(caller, feed, source, row -> true, page);
  }

  /** @param keep which rows the feed shows at all (the home feed leaves out muted targets) */
  Page<Activity> page(Caller caller, String feed, Source source, Predicate<ActivityRow> keep, PageRequest page) {
    long start = page.cursor().map(c -> Cursors.number(Cursors.decode(c, feed, 1).get(0))).orElse(Long.MAX_VALUE);
    int fetch = page.limit() * 2 + 1;
    return platform.db().read(sql -> {
      Folding folding = new Folding(window);
      long position = start;
      long lastUsed = start;
      int scanned = 0;
      boolean full = false;
      boolean exhausted = false;
      while (!full && scanned < SCAN_LIMIT) {
        List<ActivityRow> rows = source.fetch(sql, position, fetch);
        for (ActivityRow row : rows) {
          position = row.id();
          scanned++;
          if (!keep.test(row) || !visible(caller, row)) {
            lastUsed = row.id();
            continue;
          }
          if (folding.size() == page.limit() && folding.opensGroup(row)) {
            full = true;
            break;
          }
          folding.add(row);
          lastUsed = row.id();
        }
        if (!full && rows.size() < fetch) {
          exhausted = true;
          break;
        }
      }
      List<Activity> items = new ArrayList<>();
      for (List<ActivityRow> group : folding.groups()) {
        items.add(ActivityViews.folded(group.stream().map(row -> current(caller.tenantId(), row)).toList(),
            key -> platform.targets().resolve(caller.tenantId(), key)));
      }
      boolean more = full || !exhausted;
      return new Page<>(items, more ? Optional.of(Cursors.encode(feed, lastUsed)) : Optional.empty());
    });
  }

  /**
   * @return the row with its actor's current profile (name, avatar) where Inflow has one: users
   *     are cached, so this costs no query for the people a page names again and again
   */
  ActivityRow current(String tenant, ActivityRow row) {
    if (row.actor().isEmpty()) {
      return row;
    }
    Author stored = row.actor().get();
    return row.withActor(Optional.of(platform.users().find(tenant, stored.id()).map(Author::of).orElse(stored)));
  }

  /** Without an access key an activity belongs to the whole tenant, which anonymous readers are not part of. */
  boolean visible(Caller caller, ActivityRow row) {
    return row.accessKey().map(key -> platform.accessPolicy().canRead(caller, key)).orElse(caller.signedIn());
  }
}
