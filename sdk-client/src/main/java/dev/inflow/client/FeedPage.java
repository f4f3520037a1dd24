package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a feed, with whether the signed-in user follows (and has muted) what the feed is about.
 *
 * @param items the activities of this page, newest first; unmodifiable
 * @param next a cursor for the following page; empty on the last page
 * @param following whether the user follows the feed's target, topic or user (false for the home feed)
 * @param muted whether the user muted the feed's target (target feeds only)
 */
public record FeedPage(List<Activity> items, Optional<String> next, boolean following, boolean muted) {
  /** @throws NullPointerException when a component is null */
  public FeedPage {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
  }

  /** @return the items and cursor as a plain page */
  public Page<Activity> page() {
    return new Page<>(items, next);
  }
}
