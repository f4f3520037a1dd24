package dev.inflow.client;

import java.util.Objects;

/**
 * Whether the signed-in user follows one thing.
 *
 * @param kind a user, topic or target
 * @param id the user id, tag or target key
 * @param following whether they follow it
 * @param muted whether they muted it (targets only)
 */
public record FollowStatus(FollowKind kind, String id, boolean following, boolean muted) {
  /** @throws NullPointerException when a component is null */
  public FollowStatus {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }
}
