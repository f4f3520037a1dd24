package dev.inflow.core.feed;

import dev.inflow.core.Caller;
import dev.inflow.core.Created;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import java.util.Optional;

/**
 * Activities and the feeds that show them, newest first. Similar activities close in time are
 * folded into one item ({@link Activity#count()}). Every feed leaves out activities on targets the
 * caller may not read, and never names the author of an anonymous question.
 *
 * <p>Thread-safe.
 */
public interface Feeds {
  /**
   * Publishes an activity of the host, e.g. "Ana completed course Java 101". Only callers with the
   * {@link dev.inflow.core.Role#SERVICE} role (a host backend) may publish; they may name the
   * acting user.
   *
   * @param idempotencyKey when present, a retry with the same key and request returns the first
   *     activity instead of publishing again
   * @throws dev.inflow.core.AccessDeniedException for callers without the service role
   * @throws dev.inflow.core.InvalidInputException naming the first field that is not acceptable
   */
  Created<Activity> publish(Caller caller, NewActivity activity, Optional<String> idempotencyKey);

  /** @return one activity, unfolded */
  Activity get(Caller caller, String activityId);

  /**
   * The caller's home feed: their own activities and those of the people, topics and targets
   * they follow, without muted targets, newest first. What came through people and topics reaches
   * back over the newest {@link FeedSettings#homeFeedDepth()} activities; what happened on
   * followed targets reaches back as far as those targets' feeds.
   *
   * @throws dev.inflow.core.SignInRequiredException for anonymous callers
   */
  Page<Activity> home(Caller caller, PageRequest page);

  /** @return activities on a target; the caller must be allowed to read it */
  Page<Activity> target(Caller caller, String targetKey, PageRequest page);

  /** @return activities tagged with a topic */
  Page<Activity> topic(Caller caller, String tag, PageRequest page);

  /** @return what one person did */
  Page<Activity> user(Caller caller, String userId, PageRequest page);
}
