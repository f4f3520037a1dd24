package dev.inflow.client;

import java.util.Locale;

/** What can be followed: a person, a topic (tag) or a target. */
public enum FollowKind {
  /** A person, by user id: their activities reach the follower's home feed. */
  USER,
  /** A topic, by tag: activities tagged with it reach the home feed. */
  TOPIC,
  /** A target, by key (a business object): activities on it reach the home feed. */
  TARGET;

  /** @return the name used in URLs and JSON: {@code user}, {@code topic}, {@code target} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
