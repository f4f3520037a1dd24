package dev.inflow.core.feed;

import java.time.Duration;

/**
 * How feeds are built. Immutable; make one with {@link #builder()}.
 *
 * @param aggregationWindow similar activities (same verb on the same target) at most this far
 *     apart fold into one feed item
 * @param inlineFanOutLimit an activity whose audience (followers of its actor and topics) is at
 *     most this large is written into their home feeds in the posting transaction; a larger one is
 *     handed to a background job, so that posting stays fast for people with many followers.
 *     Followers of the target are not written to: home feeds read followed targets when read
 * @param homeFeedDepth how many of the newest activities written to each home feed it keeps
 */
public record FeedSettings(Duration aggregationWindow, int inlineFanOutLimit, int homeFeedDepth) {
  public FeedSettings {
    if (aggregationWindow.isNegative()) {
      throw new IllegalArgumentException("aggregationWindow must not be negative (got " + aggregationWindow + ")");
    }
    if (inlineFanOutLimit < 0) {
      throw new IllegalArgumentException("inlineFanOutLimit must not be negative (got " + inlineFanOutLimit + ")");
    }
    if (homeFeedDepth < 100) {
      throw new IllegalArgumentException("homeFeedDepth must be at least 100 (got " + homeFeedDepth + ")");
    }
  }

  /** @return 6 hours, 200 readers, 1000 activities */
  public static FeedSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link FeedSettings}; not thread-safe. */
  public static final class Builder {
    private Duration aggregationWindow = Duration.ofHours(6);
    private int inlineFanOutLimit = 200;
    private int homeFeedDepth = 1_000;

    private Builder() {}

    /** Zero switches folding off. */
    public Builder aggregationWindow(Duration window) {
      this.aggregationWindow = window;
      return this;
    }

    /** Zero hands every fan-out to the background. */
    public Builder inlineFanOutLimit(int readers) {
      this.inlineFanOutLimit = readers;
      return this;
    }

    public Builder homeFeedDepth(int activities) {
      this.homeFeedDepth = activities;
      return this;
    }

    /** @throws IllegalArgumentException naming the setting out of range */
    public FeedSettings build() {
      return new FeedSettings(aggregationWindow, inlineFanOutLimit, homeFeedDepth);
    }
  }
}
