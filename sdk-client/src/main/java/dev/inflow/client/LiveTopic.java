package dev.inflow.client;

import java.util.Objects;

/**
 * Something to follow live with {@link LiveApi#subscribe}: {@code LiveTopic.target("order:4711")},
 * {@code LiveTopic.homeFeed()}, {@code LiveTopic.notifications()}.
 *
 * @param name the topic as the live protocol names it, e.g. {@code target:order:4711}
 */
public record LiveTopic(String name) {
  /** @throws IllegalArgumentException when the name is blank or longer than 300 characters */
  public LiveTopic {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 300) {
      throw new IllegalArgumentException("a live topic is a non-empty name of at most 300 characters (got '" + name + "')");
    }
  }

  /** @return comments and changes on a target: {@code comment.created}, {@code comment.edited}, ... */
  public static LiveTopic target(String targetKey) {
    return new LiveTopic("target:" + targetKey);
  }

  /** @return answers, votes and changes on a question */
  public static LiveTopic question(String questionId) {
    return new LiveTopic("question:" + questionId);
  }

  /** @return new activities of the signed-in user's home feed */
  public static LiveTopic homeFeed() {
    return new LiveTopic("feed:home");
  }

  /** @return new activities on a target */
  public static LiveTopic targetFeed(String targetKey) {
    return new LiveTopic("feed:target:" + targetKey);
  }

  /** @return new activities tagged with a topic */
  public static LiveTopic topicFeed(String tag) {
    return new LiveTopic("feed:topic:" + tag);
  }

  /** @return new activities of a person */
  public static LiveTopic userFeed(String userId) {
    return new LiveTopic("feed:user:" + userId);
  }

  /** @return the signed-in user's new notifications */
  public static LiveTopic notifications() {
    return new LiveTopic("notifications");
  }

  @Override
  public String toString() {
    return name;
  }
}
