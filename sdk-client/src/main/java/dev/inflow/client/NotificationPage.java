package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the signed-in user's notifications, newest first, with their unread count.
 *
 * @param items the notifications of this page; unmodifiable
 * @param next a cursor for the following page; empty on the last page
 * @param unreadCount all unread notifications of the user, not just on this page
 */
public record NotificationPage(List<Notification> items, Optional<String> next, long unreadCount) {
  /** @throws NullPointerException when a component is null */
  public NotificationPage {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
  }

  /** @return the items and cursor as a plain page */
  public Page<Notification> page() {
    return new Page<>(items, next);
  }
}
