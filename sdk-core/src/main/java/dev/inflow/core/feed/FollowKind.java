package dev.inflow.core.feed;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.inflow.core.InvalidInputException;
import java.util.Locale;

/** What can be followed: a person, a topic (tag) or a target. */
public enum FollowKind {
  /** A person, by user id: their activities reach the follower's home feed. */
  USER,
  /** A topic, by tag: activities tagged with it reach the home feed. */
  TOPIC,
  /** A target, by key (a business object, a question): activities on it reach the home feed. */
  TARGET;

  /** @return the name used in URLs, JSON and storage: {@code user}, {@code topic}, {@code target} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value {@code user}, {@code topic} or {@code target}; the plural forms are accepted too
   * @throws InvalidInputException naming {@code kind} otherwise
   */
  public static FollowKind parse(String value) {
    if (value != null) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (FollowKind kind : values()) {
        if (kind.wireName().equals(v) || (kind.wireName() + "s").equals(v)) {
          return kind;
        }
      }
    }
    throw new InvalidInputException("kind", "kind is user, topic or target");
  }
}
