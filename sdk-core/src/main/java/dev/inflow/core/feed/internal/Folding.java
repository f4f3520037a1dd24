package dev.inflow.core.feed.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds similar activities close in time into one feed item, reading newest first: an activity
 * joins the open group with its group key if it is at most the window older than the group's
 * newest activity, else it opens a new group. Groups keep the order of their newest activity.
 *
 * <p>Not thread-safe; one instance per page being built.
 */
final class Folding {
  private final Duration window;
  private final List<List<ActivityRow>> groups = new ArrayList<>();
  private final Map<String, List<ActivityRow>> open = new HashMap<>();

  Folding(Duration window) {
    this.window = window;
  }

  /** @return whether the row would open a new group (rather than join one) */
  boolean opensGroup(ActivityRow row) {
    List<ActivityRow> group = open.get(row.groupKey());
    return group == null || window.isZero()
        || Duration.between(row.published(), group.get(0).published()).compareTo(window) > 0;
  }

  void add(ActivityRow row) {
    if (opensGroup(row)) {
      List<ActivityRow> group = new ArrayList<>();
      group.add(row);
      groups.add(group);
      open.put(row.groupKey(), group);
    } else {
      open.get(row.groupKey()).add(row);
    }
  }

  int size() {
    return groups.size();
  }

  /** @return the groups, each newest first */
  List<List<ActivityRow>> groups() {
    return groups;
  }
}
