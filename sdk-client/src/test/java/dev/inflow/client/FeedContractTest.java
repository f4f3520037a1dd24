package dev.inflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every call of {@code activities()}, {@code feed()} and {@code follows()} against the real server, and their errors. */
class FeedContractTest extends ContractServer {

  private InflowClient lms() {
    return as("lms", "service");
  }

  private NewActivity completed(String user, String course, String tag) {
    return NewActivity.builder("completed", course, "Course " + course).objectType("course")
        .objectUrl("https://lms.example.com/" + course).actor(user, "Name of " + user).tags(tag).build();
  }

  @Test
  void aServicePublishesActivitiesForUsersThatReachTheirFeeds() {
    String tag = newTag();
    String user = "u-" + tag;
    String course = "course:" + tag;

    Activity published = lms().activities().publish(NewActivity.builder("completed", course, "Java 101").objectType("course")
        .objectUrl("https://lms.example.com/java-101").target(course, "Java 101", "https://lms.example.com/java-101")
        .actor(user, "Uma").tags(tag).build());

    assertThat(published.verb()).isEqualTo("completed");
    assertThat(published.actor()).map(Author::id).contains(user);
    assertThat(published.object().type()).isEqualTo("course");
    assertThat(published.object().url()).contains("https://lms.example.com/java-101");
    assertThat(published.tags()).containsExactly(tag);
    assertThat(as("ben").activities().get(published.id()).id()).isEqualTo(published.id());
    assertThat(as("ben").feed().user(user, PageOptions.first()).items()).extracting(Activity::id).containsExactly(published.id());
    assertThat(as("ben").feed().topic(tag, PageOptions.first()).items()).extracting(Activity::id).containsExactly(published.id());
    assertThat(as("ben").feed().target(course, PageOptions.first()).items()).extracting(Activity::id).containsExactly(published.id());
  }

  @Test
  void feedsPageNewestFirstAndStreamEveryItem() {
    String tag = newTag();
    for (int i = 0; i < 5; i++) {
      // different objects and actors, so that nothing folds together
      lms().activities().publish(completed("u" + i + "-" + tag, "course:" + tag + "-" + i, tag));
    }

    FeedPage first = as("ben").feed().topic(tag, PageOptions.first().limit(2));

    assertThat(first.items()).hasSize(2);
    assertThat(first.items().get(0).object().id()).isEqualTo("course:" + tag + "-4");
    FeedPage second = as("ben").feed().topic(tag, PageOptions.first().limit(2).after(first.next().orElseThrow()));
    assertThat(second.items().get(0).object().id()).isEqualTo("course:" + tag + "-2");
    assertThat(as("ben").feed().streamTopic(tag)).extracting(a -> a.object().id())
        .containsExactly("course:" + tag + "-4", "course:" + tag + "-3", "course:" + tag + "-2", "course:" + tag + "-1", "course:" + tag + "-0");
  }

  @Test
  void followsBringActivitiesHomeAndMutesKeepATargetOut() {
    String tag = newTag();
    String reader = "r-" + tag;
    String target = newTarget();

    Follow followed = as(reader).follows().follow(FollowKind.TOPIC, tag);
    assertThat(followed.kind()).isEqualTo(FollowKind.TOPIC);
    assertThat(as(reader).follows().status(FollowKind.TOPIC, tag).following()).isTrue();
    as(reader).follows().follow(FollowKind.TARGET, target);
    as(reader).follows().follow(FollowKind.USER, "someone-" + tag);
    assertThat(as(reader).follows().stream(Optional.empty())).extracting(Follow::id).contains(tag, target, "someone-" + tag);
    assertThat(as(reader).follows().list(Optional.of(FollowKind.TARGET), PageOptions.first()).items()).extracting(Follow::id)
        .containsExactly(target);
    Activity onTopic = lms().activities().publish(completed("x-" + tag, "course:" + tag, tag));

    assertThat(as(reader).feed().home(PageOptions.first()).items()).extracting(Activity::id).contains(onTopic.id());
    assertThat(as(reader).feed().streamHome()).extracting(Activity::id).contains(onTopic.id());
    assertThat(as(reader).feed().topic(tag, PageOptions.first()).following()).isTrue();

    Mute mute = as(reader).follows().mute(target);
    assertThat(mute.targetKey()).isEqualTo(target);
    assertThat(as(reader).follows().mutes(PageOptions.first()).items()).extracting(Mute::targetKey).containsExactly(target);
    assertThat(as(reader).feed().target(target, PageOptions.first()).muted()).isTrue();
    as(reader).follows().unmute(target);
    assertThat(as(reader).follows().mutes(PageOptions.first()).items()).isEmpty();
    as(reader).follows().unfollow(FollowKind.TOPIC, tag);
    assertThat(as(reader).follows().status(FollowKind.TOPIC, tag).following()).isFalse();
  }

  @Test
  void publishingNeedsAServiceTokenAndAValidActivity() {
    String tag = newTag();
    ForbiddenException member = catchThrowableOfType(ForbiddenException.class, () -> as("ana").activities().publish(completed("ana", "c", tag)));
    assertThat(member.problem()).isPresent();
    assertThatThrownBy(() -> client.activities().publish(completed("ana", "c", tag))).isInstanceOf(UnauthorizedException.class);
    InvalidRequestException badTag = catchThrowableOfType(InvalidRequestException.class,
        () -> lms().activities().publish(NewActivity.builder("completed", "c", "C").tags("Not a tag!").build()));
    assertThat(badTag.errors()).extracting(FieldError::field).contains("tags");
    assertThatThrownBy(() -> as("ben").activities().get("987654321")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as("ben").feed().home(PageOptions.first().after("not-a-cursor"))).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.feed().home(PageOptions.first())).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> as("ben").follows().follow(FollowKind.TOPIC, "Not a tag!")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aRepeatedPublishWithTheSameKeyReturnsTheFirstActivityAndAnotherActivityConflicts() {
    String tag = newTag();
    String key = "completion-" + UUID.randomUUID();
    Activity first = lms().activities().publish(completed("u-" + tag, "course:" + tag, tag), key);

    Activity again = lms().activities().publish(completed("u-" + tag, "course:" + tag, tag), key);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(as("ben").feed().streamTopic(tag)).hasSize(1);
    assertThatThrownBy(() -> lms().activities().publish(completed("v-" + tag, "course:" + tag, tag), key)).isInstanceOf(ConflictException.class);
  }
}
