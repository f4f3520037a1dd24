package dev.inflow.core.feed;

import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.ANONYMOUS;
import static dev.inflow.core.testing.People.BEN;
import static dev.inflow.core.testing.People.CARLA;
import static dev.inflow.core.testing.People.DEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.User;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.FlagReason;
import dev.inflow.core.comment.ModerationAction;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.comment.Reaction;
import dev.inflow.core.event.Event;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.question.Question;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.People;
import dev.inflow.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Activities from comments and hosts, and what each feed shows of them. */
class FeedsTest {
  private static final Caller HR_SYSTEM = Caller.of("default", User.builder("hr-system").name("HR system").roles(Role.SERVICE).build());
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  /** Ana may not read anything under secret/. */
  private final AccessPolicy policy = new AccessPolicy() {
    @Override
    public boolean canRead(Caller caller, String targetKey) {
      return caller.signedIn() && !(targetKey.startsWith("secret/") && caller.userId().equals(Optional.of("ana")));
    }

    @Override
    public boolean canWrite(Caller caller, String targetKey) {
      return caller.signedIn();
    }
  };
  private final Inflow inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false).accessPolicy(policy)
      .limits(Limits.builder().userWritesPerMinute(10_000).build())
      .feeds(FeedSettings.builder().inlineFanOutLimit(3).build()).build();
  private final Feeds feeds = inflow.feeds();
  private final Follows follows = inflow.follows();

  @AfterEach
  void stop() {
    inflow.close();
  }

  private Comment comment(Caller who, String target, String body) {
    clock.advance(Duration.ofSeconds(1));
    return inflow.comments().create(who, target, NewComment.of(body).onTarget(titleOf(target), "https://intranet.example/" + target),
        Optional.empty()).value();
  }

  private static String titleOf(String target) {
    return target.replace("order:", "Order ");
  }

  private Activity publish(String verb, String objectId, String objectName, String... tags) {
    clock.advance(Duration.ofSeconds(1));
    return feeds.publish(HR_SYSTEM, NewActivity.builder(verb, objectId, objectName).objectType("course").actor("ana", "Ana Lima").tags(tags).build(),
        Optional.empty()).value();
  }

  private static List<String> summaries(Page<Activity> page) {
    return page.items().stream().map(Activity::summary).toList();
  }

  @Test
  void aCommentShowsInTheTargetFeedWithItsTargetAndAnExcerpt() {
    comment(ANA, "order:4711", "The   delivery\naddress is wrong");

    Activity a = feeds.target(BEN, "order:4711", PageRequest.first(20)).items().get(0);
    assertThat(a.verb()).isEqualTo("commented");
    assertThat(a.actor().orElseThrow().name()).isEqualTo("Ana Lima");
    assertThat(a.object().type()).isEqualTo("comment");
    assertThat(a.object().name()).isEqualTo("The delivery address is wrong");
    assertThat(a.object().url()).contains("https://intranet.example/order:4711");
    assertThat(a.target().orElseThrow().name()).isEqualTo("Order 4711");
    assertThat(a.summary()).isEqualTo("Ana Lima commented on Order 4711");
    assertThat(feeds.get(BEN, a.id()).verb()).isEqualTo("commented");
  }

  @Test
  void homeFeedHoldsMyOwnAndWhatIFollowNewestFirst() {
    follows.follow(BEN, FollowKind.USER, "ana");
    follows.follow(BEN, FollowKind.TOPIC, "Java");
    follows.follow(BEN, FollowKind.TARGET, "order:1");
    comment(ANA, "order:9", "by a person Ben follows");
    comment(DEV, "order:1", "on a target Ben follows");
    comment(DEV, "order:2", "nothing Ben follows");
    comment(BEN, "order:3", "Ben's own");
    clock.advance(Duration.ofSeconds(1));
    feeds.publish(HR_SYSTEM, NewActivity.builder("completed", "course:java-101", "Java 101").actor("dev", "Dev Patel").tags("java").build(),
        Optional.empty());

    assertThat(summaries(feeds.home(BEN, PageRequest.first(20)))).containsExactly(
        "Dev Patel completed Java 101",
        "Ben Okafor commented on Order 3",
        "Dev Patel commented on Order 1",
        "Ana Lima commented on Order 9");
  }

  @Test
  void similarActivitiesCloseInTimeFoldIntoOneItem() {
    comment(ANA, "order:4711", "one");
    comment(BEN, "order:4711", "two");
    comment(CARLA, "order:4711", "three");
    comment(DEV, "order:4711", "four");
    comment(ANA, "order:4711", "five");

    List<Activity> items = feeds.target(BEN, "order:4711", PageRequest.first(20)).items();
    assertThat(items).hasSize(1);
    Activity folded = items.get(0);
    assertThat(folded.summary()).isEqualTo("Ana Lima and 3 others commented on Order 4711");
    assertThat(folded.count()).isEqualTo(5);
    assertThat(folded.actorCount()).isEqualTo(4);
    assertThat(folded.actors()).extracting(a -> a.id()).containsExactly("ana", "dev", "carla");
    assertThat(folded.object().name()).isEqualTo("five");
  }

  @Test
  void activitiesFarApartInTimeStaySeparate() {
    comment(ANA, "order:4711", "morning");
    clock.advance(Duration.ofHours(7));
    comment(BEN, "order:4711", "evening");
    comment(DEV, "order:4711", "evening too");

    assertThat(summaries(feeds.target(CARLA, "order:4711", PageRequest.first(20))))
        .containsExactly("Dev Patel and Ben Okafor commented on Order 4711", "Ana Lima commented on Order 4711");
  }

  @Test
  void onePersonCommentingRepeatedlySaysHowOften() {
    comment(ANA, "order:4711", "a");
    comment(ANA, "order:4711", "b");
    comment(ANA, "order:4711", "c");

    assertThat(summaries(feeds.user(BEN, "ana", PageRequest.first(20)))).containsExactly("Ana Lima commented on Order 4711 (3 times)");
  }

  @Test
  void pagesFollowEachOtherWithoutGapsOrRepeats() {
    for (int i = 0; i < 25; i++) {
      clock.advance(Duration.ofHours(7));
      comment(ANA, "order:" + i, "comment " + i);
    }
    List<String> seen = new ArrayList<>();
    Page<Activity> page = feeds.user(BEN, "ana", PageRequest.first(10));
    seen.addAll(page.items().stream().map(Activity::id).toList());
    while (page.next().isPresent()) {
      page = feeds.user(BEN, "ana", PageRequest.after(page.next().get(), 10));
      seen.addAll(page.items().stream().map(Activity::id).toList());
    }
    assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(b), Long.parseLong(a)));
  }

  @Test
  void feedsLeaveOutTargetsTheReaderMayNotRead() {
    follows.follow(ANA, FollowKind.USER, "ben");
    comment(BEN, "secret/merger", "confidential");
    comment(BEN, "order:1", "public");

    assertThat(summaries(feeds.home(ANA, PageRequest.first(20)))).containsExactly("Ben Okafor commented on Order 1");
    assertThat(summaries(feeds.user(ANA, "ben", PageRequest.first(20)))).containsExactly("Ben Okafor commented on Order 1");
    assertThatThrownBy(() -> feeds.target(ANA, "secret/merger", PageRequest.first(20))).isInstanceOf(NotFoundException.class);
    assertThat(feeds.user(DEV, "ben", PageRequest.first(20)).items()).hasSize(2);
  }

  @Test
  void homeFeedNeedsASignedInReader() {
    assertThatThrownBy(() -> feeds.home(ANONYMOUS, PageRequest.first(20))).isInstanceOf(SignInRequiredException.class);
  }

  @Test
  void deletedAndHiddenCommentsLeaveTheFeedsAndApprovalBringsThemBack() {
    Comment deleted = comment(ANA, "order:1", "oops");
    Comment flagged = comment(BEN, "order:1", "spam?");
    comment(DEV, "order:2", "stays");
    inflow.comments().delete(ANA, deleted.id());
    for (String flagger : List.of("f1", "f2", "f3")) {
      inflow.comments().flag(People.member(flagger), flagged.id(), FlagReason.SPAM, Optional.empty());
    }
    assertThat(feeds.target(DEV, "order:1", PageRequest.first(20)).items()).isEmpty();

    inflow.comments().moderate(CARLA, flagged.id(), ModerationAction.APPROVE);
    assertThat(summaries(feeds.target(DEV, "order:1", PageRequest.first(20)))).containsExactly("Ben Okafor commented on Order 1");
  }

  @Test
  void editingACommentUpdatesItsExcerpt() {
    Comment c = comment(ANA, "order:1", "first draft");
    inflow.comments().edit(ANA, c.id(), "final words", java.util.OptionalLong.empty());

    assertThat(feeds.target(BEN, "order:1", PageRequest.first(20)).items().get(0).object().name()).isEqualTo("final words");
  }

  @Test
  void theFirstPositiveReactionOnSomeoneElsesCommentIsWorthALine() {
    Comment c = comment(ANA, "order:1", "useful tip");
    clock.advance(Duration.ofHours(7));
    inflow.comments().react(BEN, c.id(), Reaction.THUMBS_UP);
    inflow.comments().react(BEN, c.id(), Reaction.HEART);
    inflow.comments().unreact(BEN, c.id(), Reaction.THUMBS_UP);
    inflow.comments().unreact(BEN, c.id(), Reaction.HEART);
    inflow.comments().react(BEN, c.id(), Reaction.ROCKET);
    inflow.comments().react(DEV, c.id(), Reaction.THUMBS_DOWN);
    inflow.comments().react(ANA, c.id(), Reaction.HOORAY);

    assertThat(summaries(feeds.target(CARLA, "order:1", PageRequest.first(20))))
        .containsExactly("Ben Okafor liked a comment on Order 1", "Ana Lima commented on Order 1");
  }

  @Test
  void commentingFollowsTheTargetUnlessItIsMuted() {
    follows.mute(BEN, "order:2");
    comment(BEN, "order:1", "I am in");
    comment(BEN, "order:2", "muted here");
    comment(ANA, "order:1", "Ben sees this");
    comment(ANA, "order:2", "Ben does not");

    assertThat(follows.isFollowing(BEN, FollowKind.TARGET, "order:1")).isTrue();
    assertThat(follows.isFollowing(BEN, FollowKind.TARGET, "order:2")).isFalse();
    assertThat(follows.list(BEN, Optional.empty(), PageRequest.first(20)).items())
        .singleElement().satisfies(f -> {
          assertThat(f.auto()).isTrue();
          assertThat(f.name()).isEqualTo("Order 1");
        });
    assertThat(summaries(feeds.home(BEN, PageRequest.first(20))))
        .containsExactly("Ana Lima and Ben Okafor commented on Order 1");
  }

  @Test
  void theTitleAPageDeclaresLastNamesItsTarget() {
    for (String title : List.of("Order 1", "Order 1 (delayed)", "Order 1")) {
      clock.advance(Duration.ofSeconds(1));
      inflow.comments().create(ANA, "order:1", NewComment.of("Under " + title).onTarget(title, "https://erp.example/orders/1"), Optional.empty());

      assertThat(inflow.targets().resolve("default", "order:1").title()).isEqualTo(title);
      assertThat(feeds.target(BEN, "order:1", PageRequest.first(1)).items().get(0).summary())
          .matches("Ana Lima commented on " + Pattern.quote(title) + "( \\(\\d times\\))?");
    }
  }

  @Test
  void someoneWhoFollowsTheMostFollowsNoMoreByCommentingUntilTheyUnfollowSomething() throws SQLException {
    String url = TestDatabase.freshUrl();
    try (Inflow full = Inflow.builder().jdbcUrl(url).clock(clock).runBackgroundJobs(false).build();
        Connection db = DriverManager.getConnection(url);
        PreparedStatement insert = db.prepareStatement(
            "INSERT INTO inflow_follow (tenant_id, user_id, kind, followed, auto, created_at) VALUES ('default', 'ben', 'topic', ?, FALSE, ?)")) {
      int most = 5_000; // what one person may follow, a guard against runaway scripts
      for (int i = 0; i < most; i++) {
        insert.setString(1, "topic-" + i);
        insert.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
        insert.addBatch();
      }
      insert.executeBatch();
      full.comments().create(BEN, "order:1", NewComment.of("Following too much already"), Optional.empty());
      assertThat(full.follows().isFollowing(BEN, FollowKind.TARGET, "order:1")).isFalse();
      assertThatThrownBy(() -> full.follows().follow(BEN, FollowKind.TARGET, "order:1"))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("unfollow some first");

      full.follows().unfollow(BEN, FollowKind.TOPIC, "topic-0");
      full.comments().create(BEN, "order:1", NewComment.of("Now it counts"), Optional.empty());
      assertThat(full.follows().isFollowing(BEN, FollowKind.TARGET, "order:1")).isTrue();
    }
  }

  @Test
  void askingAndAnsweringReachTheFeedsAndFollowTheQuestion() {
    follows.follow(DEV, FollowKind.TOPIC, "vpn");
    clock.advance(Duration.ofSeconds(1));
    Question q = inflow.questions().ask(ANA, NewQuestion.of("VPN drops every hour", "Since Monday.", List.of("vpn")), Optional.empty())
        .value();
    clock.advance(Duration.ofSeconds(1));
    Answer a = inflow.questions().answer(BEN, q.id(), "Renew the certificate.", Optional.empty()).value();
    clock.advance(Duration.ofSeconds(1));
    inflow.questions().accept(ANA, a.id());

    assertThat(follows.isFollowing(ANA, FollowKind.TARGET, "question:" + q.id())).as("the asker follows").isTrue();
    assertThat(follows.isFollowing(BEN, FollowKind.TARGET, "question:" + q.id())).as("the answerer follows").isTrue();
    assertThat(summaries(feeds.topic(DEV, "vpn", PageRequest.first(20)))).containsExactly(
        "Ana Lima accepted an answer to “VPN drops every hour”",
        "Ben Okafor answered “VPN drops every hour”",
        "Ana Lima asked “VPN drops every hour”");
    assertThat(summaries(feeds.home(BEN, PageRequest.first(20)))).as("what follows the question reaches its answerer's home")
        .contains("Ana Lima accepted an answer to “VPN drops every hour”");
  }

  @Test
  void anAnonymousQuestionNeverNamesItsAsker() {
    Question q = inflow.questions().ask(ANA, NewQuestion.of("Is my salary band fair?", "", List.of("hr")).anonymously(),
        Optional.empty()).value();
    clock.advance(Duration.ofSeconds(1));
    Answer a = inflow.questions().answer(BEN, q.id(), "Ask HR for the bands.", Optional.empty()).value();
    inflow.questions().accept(ANA, a.id());

    Page<Activity> topic = feeds.topic(DEV, "hr", PageRequest.first(20));
    assertThat(summaries(topic)).containsExactly(
        "Someone accepted an answer to “Is my salary band fair?”",
        "Ben Okafor answered “Is my salary band fair?”",
        "Someone asked “Is my salary band fair?”");
    assertThat(topic.items()).noneSatisfy(item -> assertThat(item.actor()).hasValueSatisfying(actor -> assertThat(actor.id()).isEqualTo("ana")));
    assertThat(feeds.user(DEV, "ana", PageRequest.first(20)).items()).isEmpty();
  }

  @Test
  void mutingHidesWhatIsAlreadyThereAndUnmutingBringsItBack() {
    follows.follow(BEN, FollowKind.USER, "ana");
    comment(ANA, "order:1", "one");
    clock.advance(Duration.ofHours(7));
    comment(ANA, "order:2", "two");

    follows.mute(BEN, "order:1");
    assertThat(summaries(feeds.home(BEN, PageRequest.first(20)))).containsExactly("Ana Lima commented on Order 2");
    assertThat(follows.mutes(BEN, PageRequest.first(20)).items()).extracting(Mute::name).containsExactly("Order 1");
    follows.unmute(BEN, "order:1");
    assertThat(feeds.home(BEN, PageRequest.first(20)).items()).hasSize(2);
  }

  @Test
  void followingBringsRecentActivitiesInAndUnfollowingTakesThemOut() {
    comment(ANA, "order:1", "before Ben followed");
    follows.follow(BEN, FollowKind.USER, "ana");
    assertThat(summaries(feeds.home(BEN, PageRequest.first(20)))).containsExactly("Ana Lima commented on Order 1");

    follows.follow(BEN, FollowKind.TOPIC, "java");
    publish("completed", "course:java-101", "Java 101", "java");
    follows.unfollow(BEN, FollowKind.USER, "ana");
    assertThat(summaries(feeds.home(BEN, PageRequest.first(20)))).as("still followed through the topic")
        .containsExactly("Ana Lima completed Java 101");
  }

  @Test
  void followingChecksWhatIsFollowed() {
    assertThatThrownBy(() -> follows.follow(ANA, FollowKind.USER, "ana")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> follows.follow(ANA, FollowKind.TOPIC, "no spaces")).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors().get(0).field()).isEqualTo("id"));
    assertThatThrownBy(() -> follows.follow(ANA, FollowKind.TARGET, "secret/x")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> follows.follow(ANONYMOUS, FollowKind.TOPIC, "java")).isInstanceOf(SignInRequiredException.class);
    Follow again = follows.follow(ANA, FollowKind.TOPIC, "Java");
    assertThat(follows.follow(ANA, FollowKind.TOPIC, "java").createdAt()).isEqualTo(again.createdAt());
    assertThat(follows.list(ANA, Optional.of(FollowKind.TOPIC), PageRequest.first(20)).items()).extracting(Follow::id).containsExactly("java");
  }

  @Test
  void followsArePagedNewestFirst() {
    for (int i = 0; i < 7; i++) {
      clock.advance(Duration.ofSeconds(1));
      follows.follow(ANA, FollowKind.TOPIC, "t" + i);
    }
    Page<Follow> first = follows.list(ANA, Optional.empty(), PageRequest.first(4));
    Page<Follow> second = follows.list(ANA, Optional.empty(), PageRequest.after(first.next().orElseThrow(), 4));
    assertThat(first.items()).extracting(Follow::id).containsExactly("t6", "t5", "t4", "t3");
    assertThat(second.items()).extracting(Follow::id).containsExactly("t2", "t1", "t0");
    assertThat(second.next()).isEmpty();
  }

  @Test
  void topicFeedShowsTaggedActivities() {
    publish("completed", "course:java-101", "Java 101", "java", "backend");
    publish("completed", "course:css", "CSS basics", "frontend");

    assertThat(summaries(feeds.topic(BEN, "JAVA", PageRequest.first(20)))).containsExactly("Ana Lima completed Java 101");
    assertThat(feeds.topic(BEN, "java", PageRequest.first(20)).items().get(0).tags()).containsExactly("java", "backend");
  }

  @Test
  void onlyHostBackendsPublishAndTheyMayNameTheActor() {
    NewActivity completed = NewActivity.builder("completed", "course:java-101", "Java 101").actor("erik", "Erik Berg")
        .target("course:java-101", "Java 101", "https://lms.example/java-101").build();
    assertThatThrownBy(() -> feeds.publish(ANA, completed, Optional.empty())).isInstanceOf(AccessDeniedException.class);

    Activity a = feeds.publish(HR_SYSTEM, completed, Optional.empty()).value();
    assertThat(a.actor().orElseThrow().name()).isEqualTo("Erik Berg");
    assertThat(a.target().orElseThrow().url()).contains("https://lms.example/java-101");
    assertThat(inflow.users().find("default", "erik").orElseThrow().name()).isEqualTo("Erik Berg");
    assertThat(inflow.targets().resolve("default", "course:java-101").title()).isEqualTo("Java 101");
    assertThat(summaries(feeds.user(BEN, "erik", PageRequest.first(20)))).containsExactly("Erik Berg completed Java 101 on Java 101");
  }

  @Test
  void publishingTwiceWithOneIdempotencyKeyPublishesOnce() {
    NewActivity closed = NewActivity.builder("closed", "ticket:123", "Ticket 123").actor("ana", null).build();
    var first = feeds.publish(HR_SYSTEM, closed, Optional.of("k-1"));
    var again = feeds.publish(HR_SYSTEM, closed, Optional.of("k-1"));

    assertThat(again.replayed()).isTrue();
    assertThat(again.value().id()).isEqualTo(first.value().id());
    assertThat(feeds.user(BEN, "ana", PageRequest.first(20)).items()).hasSize(1);
  }

  @Test
  void publishedActivitiesAreCheckedFieldByField() {
    assertField(NewActivity.builder("Completed!", "course:x", "X").build(), "verb");
    assertField(NewActivity.builder("completed", " ", "X").build(), "object.id");
    assertField(NewActivity.builder("completed", "comment:1", "X").build(), "object.id");
    assertField(NewActivity.builder("completed", "course:x", "").build(), "object.name");
    assertField(NewActivity.builder("completed", "course:x", "X".repeat(301)).build(), "object.name");
    assertField(NewActivity.builder("completed", "course:x", "X").objectUrl("javascript:alert(1)").build(), "object.url");
    assertField(NewActivity.builder("completed", "course:x", "X").target("../etc", null, null).build(), "target.id");
    assertField(NewActivity.builder("completed", "course:x", "X").actor("not valid!", null).build(), "actor.id");
    assertField(NewActivity.builder("completed", "course:x", "X").tags("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k").build(), "tags");
    assertThat(feeds.publish(HR_SYSTEM, NewActivity.builder("http://adlnet.gov/expapi/verbs/passed", "course:x", "X").build(),
        Optional.empty()).value().summary()).isEqualTo("HR system passed X");
  }

  private void assertField(NewActivity activity, String field) {
    assertThatThrownBy(() -> feeds.publish(HR_SYSTEM, activity, Optional.empty())).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).anySatisfy(f -> assertThat(f.field()).isEqualTo(field)));
  }

  @Test
  void anAuthorWithManyFollowersPostsAtOnceAndFollowersGetItFromTheBackground() {
    for (String follower : List.of("f1", "f2", "f3", "f4", "f5")) {
      follows.follow(People.member(follower), FollowKind.USER, "ana");
    }
    comment(ANA, "order:1", "to my many followers");

    assertThat(feeds.home(ANA, PageRequest.first(20)).items()).as("the author sees it at once").hasSize(1);
    assertThat(feeds.home(People.member("f1"), PageRequest.first(20)).items()).isEmpty();
    inflow.platform().jobs().runDue();
    for (String follower : List.of("f1", "f2", "f3", "f4", "f5")) {
      assertThat(summaries(feeds.home(People.member(follower), PageRequest.first(20)))).containsExactly("Ana Lima commented on Order 1");
    }
  }

  @Test
  void aBusyTargetsFollowersSeeNewCommentsAtOnceWithoutCopiesOrBackgroundWork() {
    for (String participant : List.of("f1", "f2", "f3", "f4", "f5", "f6")) {
      comment(People.member(participant), "order:1", "taking part, so following");
    }
    long entriesBefore = count("SELECT COUNT(*) FROM inflow_feed_entry");
    comment(ANA, "order:1", "for everyone here");

    assertThat(count("SELECT COUNT(*) FROM inflow_feed_entry") - entriesBefore).as("only Ana's own entry is written").isEqualTo(1);
    assertThat(inflow.platform().jobs().runDue()).as("no fan-out job for the target's followers").isZero();
    for (String participant : List.of("f1", "f6")) {
      assertThat(feeds.home(People.member(participant), PageRequest.first(20)).items()).first()
          .satisfies(a -> assertThat(a.summary()).isEqualTo("Ana Lima and 6 others commented on Order 1"));
    }
  }

  @Test
  void anActivityReachingMeThroughAPersonAndATargetShowsOnce() {
    follows.follow(BEN, FollowKind.USER, "ana");
    follows.follow(BEN, FollowKind.TARGET, "order:1");
    comment(ANA, "order:1", "both ways");
    clock.advance(Duration.ofHours(7));
    comment(ANA, "order:1", "both ways again");

    List<Activity> items = feeds.home(BEN, PageRequest.first(20)).items();
    assertThat(items).extracting(a -> a.object().name()).containsExactly("both ways again", "both ways");
    assertThat(items).allSatisfy(a -> assertThat(a.count()).isEqualTo(1));
  }

  @Test
  void homePagesMergePeopleAndTargetsWithoutGapsOrRepeats() {
    follows.follow(BEN, FollowKind.USER, "ana");
    for (int t = 0; t < 60; t++) {
      follows.follow(BEN, FollowKind.TARGET, "order:" + t);
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      clock.advance(Duration.ofHours(7));
      Caller who = i % 3 == 0 ? ANA : i % 3 == 1 ? DEV : CARLA;
      // Every fifth comment is on a target Ben does not follow: it reaches him only when Ana wrote it.
      boolean followedTarget = i % 5 != 4;
      comment(who, "order:" + (followedTarget ? i % 60 : 100 + i), "comment " + i);
      if (followedTarget || who == ANA) {
        expected.add(0, "comment " + i);
      }
    }
    List<String> seen = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    Page<Activity> page = feeds.home(BEN, PageRequest.first(7));
    while (true) {
      page.items().forEach(a -> {
        seen.add(a.object().name());
        ids.add(Long.parseLong(a.id()));
      });
      if (page.next().isEmpty()) {
        break;
      }
      page = feeds.home(BEN, PageRequest.after(page.next().get(), 7));
    }
    assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void mutingAFollowedTargetHidesItsActivitiesFromTheHomeFeed() {
    comment(BEN, "order:1", "following by taking part");
    comment(ANA, "order:1", "Ben sees this");
    follows.mute(BEN, "order:1");

    assertThat(feeds.home(BEN, PageRequest.first(20)).items()).isEmpty();
    follows.unmute(BEN, "order:1");
    assertThat(summaries(feeds.home(BEN, PageRequest.first(20)))).containsExactly("Ana Lima and Ben Okafor commented on Order 1");
  }

  private long count(String query) {
    return inflow.platform().db().read(sql -> sql.count(query));
  }

  @Test
  void everyActivityIsAnEventOnTheActivitiesTopic() {
    comment(ANA, "order:1", "live");
    List<Event> events = inflow.events().after("default", 0, 100).stream().filter(e -> e.topic().equals("activities")).toList();

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("activity.created");
      assertThat(e.targetKey()).contains("order:1");
      assertThat(e.payload()).contains("\"summary\":\"Ana Lima commented on Order 1\"");
    });
  }

  @Test
  void homeFeedsAreTrimmedToTheirDepth() {
    try (Inflow shallow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false)
        .limits(Limits.builder().userWritesPerMinute(10_000).build())
        .feeds(FeedSettings.builder().homeFeedDepth(100).aggregationWindow(Duration.ZERO).build()).build()) {
      for (int i = 0; i < 120; i++) {
        shallow.feeds().publish(HR_SYSTEM, NewActivity.builder("completed", "course:" + i, "Course " + i).actor("ana", null).build(),
            Optional.empty());
      }
      shallow.runMaintenance();

      Page<Activity> first = shallow.feeds().home(ANA, PageRequest.first(60));
      Page<Activity> second = shallow.feeds().home(ANA, PageRequest.after(first.next().orElseThrow(), 60));
      assertThat(first.items().get(0).object().name()).isEqualTo("Course 119");
      assertThat(second.items()).hasSize(40).last().satisfies(a -> assertThat(a.object().name()).isEqualTo("Course 20"));
      assertThat(second.next()).isEmpty();
      assertThat(shallow.feeds().user(BEN, "ana", PageRequest.first(100)).next()).as("the user feed reaches back further").isPresent();
    }
  }
}
