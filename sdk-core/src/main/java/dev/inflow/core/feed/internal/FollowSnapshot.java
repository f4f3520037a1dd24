package dev.inflow.core.feed.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one user follows and mutes, held in memory for the live channel, which checks every new
 * activity against every subscriber's home feed.
 *
 * @param userId whose follows these are
 * @param users user ids followed
 * @param topics tags followed
 * @param targets target keys followed
 * @param muted target keys muted
 */
public record FollowSnapshot(String userId, Set<String> users, Set<String> topics, Set<String> targets, Set<String> muted) {
  public FollowSnapshot {
    users = Set.copyOf(users);
    topics = Set.copyOf(topics);
    targets = Set.copyOf(targets);
    muted = Set.copyOf(muted);
  }

  /** @return whether an activity belongs in this user's home feed: written there on post, or on a followed target read with it */
  public boolean wants(Optional<String> actorId, Optional<String> targetKey, List<String> tags) {
    if (targetKey.filter(muted::contains).isPresent()) {
      return false;
    }
    return actorId.filter(a -> a.equals(userId) || users.contains(a)).isPresent()
        || targetKey.filter(targets::contains).isPresent()
        || tags.stream().anyMatch(topics::contains);
  }
}
