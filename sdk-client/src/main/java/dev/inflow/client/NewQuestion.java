package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question to ask with {@link QuestionsApi#ask}:
 * {@code NewQuestion.builder("How do I reset the VPN token?", "vpn").body("It says **expired**").about("kb/vpn-setup").build()}.
 *
 * @param title one line; the server refuses a blank or oversized one naming {@code title}
 * @param body Markdown details (may be empty)
 * @param tags 1 to 5 tags; they decide which experts the question is routed to; unmodifiable
 * @param targetKey the business object it is about, if any
 * @param anonymous whether to hide the asker's name from everyone but administrators
 * @param targetTitle the target's title, as the calling app knows it
 * @param targetUrl the target's URL
 */
public record NewQuestion(String title, String body, List<String> tags, Optional<String> targetKey, boolean anonymous,
    Optional<String> targetTitle, Optional<String> targetUrl) {
  /** @throws NullPointerException when a component or tag is null */
  public NewQuestion {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    tags = List.copyOf(tags);
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(targetTitle, "targetTitle");
    Objects.requireNonNull(targetUrl, "targetUrl");
  }

  /**
   * @param title the question in one line
   * @param tags at least one tag
   * @return a builder for the other options
   */
  public static Builder builder(String title, String... tags) {
    return new Builder(Objects.requireNonNull(title, "title"), List.of(tags));
  }

  /** Builds a {@link NewQuestion}; not thread-safe. */
  public static final class Builder {
    private final String title;
    private final List<String> tags;
    private String body = "";
    private String targetKey;
    private boolean anonymous;
    private String targetTitle;
    private String targetUrl;

    private Builder(String title, List<String> tags) {
      this.title = title;
      this.tags = tags;
    }

    /** Markdown details (default: none). */
    public Builder body(String body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** The business object the question is about, e.g. {@code order:4711}. */
    public Builder about(String targetKey) {
      this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
      return this;
    }

    /** The title and URL of the target, so notifications and feeds can link to it. */
    public Builder onTarget(String title, String url) {
      this.targetTitle = Objects.requireNonNull(title, "title");
      this.targetUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** Hides the asker's name (default: named). */
    public Builder anonymous(boolean anonymous) {
      this.anonymous = anonymous;
      return this;
    }

    /**
     * @return the question
     * @throws IllegalStateException when no tag was given, or a target title without a target
     */
    public NewQuestion build() {
      if (tags.isEmpty()) {
        throw new IllegalStateException("a question needs at least one tag, e.g. NewQuestion.builder(title, \"vpn\")");
      }
      if (targetTitle != null && targetKey == null) {
        throw new IllegalStateException("onTarget(title, url) needs about(targetKey) too");
      }
      return new NewQuestion(title, body, tags, Optional.ofNullable(targetKey), anonymous, Optional.ofNullable(targetTitle),
          Optional.ofNullable(targetUrl));
    }
  }
}
