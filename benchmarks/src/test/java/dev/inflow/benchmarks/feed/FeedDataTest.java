package dev.inflow.benchmarks.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.feed.NewActivity;
import dev.inflow.core.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedDataTest {
  private static final int USERS = 60;
  private static final int DEPTH = 30;
  private static final int ACTIVITIES = 600;

  @Test
  void aSetGrownInStepsHoldsTheSameActivitiesAndHomeFeedsAsOneLoadedAtOnce() throws Exception {
    try (Inflow once = TestDatabase.inflow().runBackgroundJobs(false).build();
        Inflow grown = TestDatabase.inflow().runBackgroundJobs(false).build()) {
      FeedData all = new FeedData(USERS, ACTIVITIES, DEPTH, 7);
      try (Connection c = once.platform().db().dataSource().getConnection()) {
        all.create(c);
        all.growTo(c, ACTIVITIES);
      }
      FeedData steps = new FeedData(USERS, ACTIVITIES, DEPTH, 7);
      try (Connection c = grown.platform().db().dataSource().getConnection()) {
        steps.create(c);
        steps.growTo(c, 10);
        // A step appended in parts, its home feeds written once at the end, as the harness loads 1M.
        steps.append(c, 150);
        steps.append(c, 300);
        steps.growTo(c, 400);
        steps.growTo(c, ACTIVITIES);
      }

      assertThat(steps.activities()).isEqualTo(ACTIVITIES);
      assertThat(activities(grown)).hasSize(ACTIVITIES).isEqualTo(activities(once));
      assertThat(entries(grown)).isEqualTo(entries(once));
    }
  }

  @Test
  void everyHomeFeedIsCutAtItsDepthAndInflowReadsItAndPublishesAfterIt() throws Exception {
    try (Inflow inflow = TestDatabase.inflow().runBackgroundJobs(false).build()) {
      FeedData data = new FeedData(USERS, ACTIVITIES, DEPTH, 7);
      try (Connection c = inflow.platform().db().dataSource().getConnection()) {
        data.create(c);
        data.growTo(c, ACTIVITIES / 2);
        data.growTo(c, ACTIVITIES);
      }
      List<Long> perUser = inflow.platform().db().read(sql -> sql.list(
          "SELECT COUNT(*) AS n FROM inflow_feed_entry GROUP BY user_id", row -> row.longValue("n")));
      assertThat(perUser).hasSize(USERS).allSatisfy(n -> assertThat(n).isBetween(1L, (long) DEPTH)).contains((long) DEPTH);

      Caller reader = Caller.of("default", User.of(FeedData.user(1), "Reader"));
      List<Activity> page = inflow.feeds().home(reader, PageRequest.first(20)).items();
      assertThat(page).isNotEmpty();
      long newestEntry = inflow.platform().db().read(sql -> sql.one(
          "SELECT MAX(activity_id) AS m FROM inflow_feed_entry WHERE user_id = ?", row -> row.longValue("m"), FeedData.user(1))).orElseThrow();
      assertThat(Long.parseLong(page.get(0).id())).isGreaterThanOrEqualTo(newestEntry);

      Caller service = Caller.of("default", User.builder("lms").name("LMS").roles(Role.SERVICE).build());
      Activity published = inflow.feeds().publish(service, NewActivity.builder("completed", "course:1", "Course 1").actor("u3", null)
          .xapi(false).build(), Optional.empty()).value();
      assertThat(Long.parseLong(published.id())).isGreaterThan(ACTIVITIES);
    }
  }

  private static List<String> activities(Inflow inflow) {
    return inflow.platform().db().read(sql -> sql.list("SELECT id, actor_id, verb, target_key, tags FROM inflow_activity ORDER BY id",
        row -> row.longValue("id") + " " + row.string("actor_id") + " " + row.string("verb") + " " + row.string("target_key") + " "
            + row.string("tags")));
  }

  private static List<String> entries(Inflow inflow) {
    return inflow.platform().db().read(sql -> sql.list("SELECT user_id, activity_id FROM inflow_feed_entry ORDER BY user_id, activity_id",
        row -> row.string("user_id") + " " + row.longValue("activity_id")));
  }
}
