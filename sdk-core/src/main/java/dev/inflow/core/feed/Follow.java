package dev.inflow.core.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a user follows.
 *
 * @param kind user, topic or target
 * @param id the user id, tag or target key
 * @param name what to show: the person's name, the tag, the target's title
 * @param auto whether Inflow followed it because the user commented, asked or answered there
 * @param createdAt since when
 */
public record Follow(FollowKind kind, String id, String name, boolean auto, Instant createdAt) {
  public Follow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
