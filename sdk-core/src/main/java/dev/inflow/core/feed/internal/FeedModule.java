package dev.inflow.core.feed.internal;

import dev.inflow.core.comment.internal.CommentHook;
import dev.inflow.core.feed.FeedSettings;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.question.internal.QuestionHook;

/** The feed's parts, wired once by {@link dev.inflow.core.Inflow}: feeds, follows, the recorder other features use. */
public final class FeedModule {
  private final FeedSettings settings;
  private final FanOut fanOut;
  private final ActivityRecorder recorder;
  private final DefaultFollows follows;
  private final DefaultFeeds feeds;
  private final CommentActivities commentActivities;
  private final QuestionActivities questionActivities;

  public FeedModule(Platform platform, FeedSettings settings) {
    this.settings = settings;
    this.fanOut = new FanOut(platform.db(), settings.inlineFanOutLimit());
    this.recorder = new ActivityRecorder(platform, fanOut);
    this.follows = new DefaultFollows(platform);
    this.feeds = new DefaultFeeds(platform, recorder, new FeedPager(platform, settings.aggregationWindow()));
    this.commentActivities = new CommentActivities(recorder, follows);
    this.questionActivities = new QuestionActivities(platform, recorder, follows);
    platform.jobs().register(FanOut.JOB, fanOut);
  }

  public DefaultFeeds feeds() {
    return feeds;
  }

  public DefaultFollows follows() {
    return follows;
  }

  /** @return where features record their activities */
  public ActivityRecorder recorder() {
    return recorder;
  }

  /** @return what comments call inside their transactions */
  public CommentHook commentHook() {
    return commentActivities;
  }

  /** @return what questions call inside their transactions */
  public QuestionHook questionHook() {
    return questionActivities;
  }

  /** Keeps each home feed to its configured depth. @return entries deleted */
  public int trimHomeFeeds() {
    return fanOut.trim(settings.homeFeedDepth());
  }
}
