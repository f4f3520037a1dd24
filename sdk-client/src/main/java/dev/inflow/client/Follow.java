package dev.inflow.client;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the signed-in user follows.
 *
 * @param kind a user, topic or target
 * @param id the user id, tag or target key
 * @param name what to show for it
 * @param auto whether Inflow followed it for the user (e.g. a target they commented on)
 * @param createdAt since when
 */
public record Follow(FollowKind kind, String id, String name, boolean auto, Instant createdAt) {
  /** @throws NullPointerException when a component is null */
  public Follow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
