package dev.inflow.core.feed;

import dev.inflow.core.Caller;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import java.util.Optional;

/**
 * What each user follows and mutes. Every method acts for the signed-in caller only
 * ({@link dev.inflow.core.SignInRequiredException} otherwise). Following something brings its
 * recent activities into the home feed at once; unfollowing takes them out again unless the
 * caller still follows them another way.
 *
 * <p>Thread-safe.
 */
public interface Follows {
  /**
   * Follows a user, topic or target. Following again changes nothing (an automatic follow becomes
   * a deliberate one).
   *
   * @param id a user id, a tag (any case) or a target key the caller may read
   * @throws dev.inflow.core.InvalidInputException for a malformed id, oneself, or too many follows
   */
  Follow follow(Caller caller, FollowKind kind, String id);

  /** Stops following; nothing happens when the caller did not follow it. */
  void unfollow(Caller caller, FollowKind kind, String id);

  /** @return whether the caller follows it */
  boolean isFollowing(Caller caller, FollowKind kind, String id);

  /**
   * @param kind only follows of this kind, or all
   * @return the caller's follows, newest first
   */
  Page<Follow> list(Caller caller, Optional<FollowKind> kind, PageRequest page);

  /** Mutes a target: nothing about it reaches the home feed until unmuted. Muting again changes nothing. */
  Mute mute(Caller caller, String targetKey);

  /** Unmutes a target; nothing happens when it was not muted. */
  void unmute(Caller caller, String targetKey);

  /** @return whether the caller muted the target */
  boolean isMuted(Caller caller, String targetKey);

  /** @return the caller's muted targets, newest first */
  Page<Mute> mutes(Caller caller, PageRequest page);
}
