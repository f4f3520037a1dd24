package dev.inflow.core.comment;

import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.ANONYMOUS;
import static dev.inflow.core.testing.People.BEN;
import static dev.inflow.core.testing.People.CARLA;
import static dev.inflow.core.testing.People.DEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.PreconditionFailedException;
import dev.inflow.core.RateLimitedException;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.event.Event;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.core.testing.People;
import dev.inflow.core.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommentsTest {
  private static final String POLICY = "kb/travel-policy";
  private Inflow inflow;
  private Comments comments;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(1_000).build()).build();
    comments = inflow.comments();
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  private Comment post(Caller who, String target, String body) {
    return comments.create(who, target, NewComment.of(body), Optional.empty()).value();
  }

  private Comment reply(Caller who, Comment parent, String body) {
    return comments.create(who, parent.targetKey(), NewComment.replyTo(parent.id(), body), Optional.empty()).value();
  }

  private List<Comment> all(Caller who, String target) {
    return comments.list(who, target, CommentSort.OLDEST, PageRequest.first(100)).items();
  }

  @Test
  void postedCommentComesBackRenderedWithAuthorAndPermissions() {
    Comment c = post(ANA, POLICY, "Is **economy** class required on trips under 4 hours?");

    assertThat(c.author().name()).isEqualTo("Ana Lima");
    assertThat(c.html()).isEqualTo("<p>Is <strong>economy</strong> class required on trips under 4 hours?</p>\n");
    assertThat(c.parentId()).isEmpty();
    assertThat(c.canEdit()).isTrue();
    Comment seenByBen = all(BEN, POLICY).get(0);
    assertThat(seenByBen.body()).isEqualTo(c.body());
    assertThat(seenByBen.canEdit()).isFalse();
    assertThat(seenByBen.canDelete()).isFalse();
  }

  @Test
  void htmlInACommentIsShownAsTextAndNeverAsMarkup() {
    Comment c = post(ANA, POLICY, "<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3))");

    assertThat(c.html()).doesNotContain("<img", "<script", "javascript:", "onerror=\"");
    assertThat(c.html()).contains("&lt;script&gt;");
  }

  @Test
  void repliesFollowTheirParentInThreadOrderAtAnyDepth() {
    Comment first = post(ANA, POLICY, "first");
    Comment second = post(BEN, POLICY, "second");
    Comment r1 = reply(BEN, first, "reply to first");
    Comment r11 = reply(ANA, r1, "reply to the reply");
    Comment r2 = reply(DEV, first, "another reply to first");

    List<Comment> list = all(DEV, POLICY);

    assertThat(list).extracting(Comment::body)
        .containsExactly("first", "reply to first", "reply to the reply", "another reply to first", "second");
    assertThat(list).extracting(Comment::depth).containsExactly(0, 1, 2, 1, 0);
    assertThat(list.get(2).parentId()).contains(r1.id());
    assertThat(list.get(0).replyCount()).isEqualTo(2);
    assertThat(r11.depth()).isEqualTo(2);
    assertThat(r2.parentId()).contains(first.id());
    assertThat(second.replyCount()).isZero();
  }

  @Test
  void pagesOfTopLevelCommentsFollowEachOtherWithoutGapsOrRepeats() {
    for (int i = 1; i <= 7; i++) {
      post(ANA, POLICY, "comment " + i);
    }
    Page<Comment> page1 = comments.list(BEN, POLICY, CommentSort.NEWEST, PageRequest.first(3));
    Page<Comment> page2 = comments.list(BEN, POLICY, CommentSort.NEWEST, PageRequest.after(page1.next().orElseThrow(), 3));
    Page<Comment> page3 = comments.list(BEN, POLICY, CommentSort.NEWEST, PageRequest.after(page2.next().orElseThrow(), 3));

    assertThat(page1.items()).extracting(Comment::body).containsExactly("comment 7", "comment 6", "comment 5");
    assertThat(page2.items()).extracting(Comment::body).containsExactly("comment 4", "comment 3", "comment 2");
    assertThat(page3.items()).extracting(Comment::body).containsExactly("comment 1");
    assertThat(page3.next()).isEmpty();
  }

  @Test
  void aCursorFromOneSortOrderIsRefusedByAnother() {
    post(ANA, POLICY, "a");
    post(ANA, POLICY, "b");
    String cursor = comments.list(BEN, POLICY, CommentSort.NEWEST, PageRequest.first(1)).next().orElseThrow();

    assertThatThrownBy(() -> comments.list(BEN, POLICY, CommentSort.TOP, PageRequest.after(cursor, 1)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("cursor"));
  }

  @Test
  void topOrderPutsTheMostLikedFirstAndDownVotesLower() {
    Comment plain = post(ANA, POLICY, "plain");
    Comment liked = post(ANA, POLICY, "liked");
    Comment disliked = post(ANA, POLICY, "disliked");
    comments.react(BEN, liked.id(), Reaction.THUMBS_UP);
    comments.react(DEV, liked.id(), Reaction.HEART);
    comments.react(BEN, disliked.id(), Reaction.THUMBS_DOWN);

    Page<Comment> top = comments.list(CARLA, POLICY, CommentSort.TOP, PageRequest.first(2));
    Page<Comment> rest = comments.list(CARLA, POLICY, CommentSort.TOP, PageRequest.after(top.next().orElseThrow(), 2));

    assertThat(top.items()).extracting(Comment::id).containsExactly(liked.id(), plain.id());
    assertThat(rest.items()).extracting(Comment::id).containsExactly(disliked.id());
  }

  @Test
  void eachUserReactsOncePerEmojiAndSeesTheirOwnReactions() {
    Comment c = post(ANA, POLICY, "Useful tip");
    comments.react(BEN, c.id(), Reaction.THUMBS_UP);
    comments.react(BEN, c.id(), Reaction.THUMBS_UP);
    comments.react(DEV, c.id(), Reaction.parse("+1"));
    Comment afterRocket = comments.react(DEV, c.id(), Reaction.parse("🚀"));

    assertThat(afterRocket.reactions()).containsExactly(Map.entry("👍", 2), Map.entry("🚀", 1));
    assertThat(afterRocket.myReactions()).containsExactlyInAnyOrder("👍", "🚀");
    Comment afterUndo = comments.unreact(BEN, c.id(), Reaction.THUMBS_UP);
    assertThat(afterUndo.reactions()).containsExactly(Map.entry("👍", 1), Map.entry("🚀", 1));
    assertThat(afterUndo.myReactions()).isEmpty();
    assertThatThrownBy(() -> Reaction.parse("🦄")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void editKeepsTheHistoryAndRefusesAStaleVersion() {
    Comment c = post(ANA, POLICY, "Trains are fine for trips under 4 hours");
    Comment edited = comments.edit(ANA, c.id(), "Trains are *required* for trips under 4 hours", OptionalLong.of(c.version()));

    assertThat(edited.version()).isEqualTo(c.version() + 1);
    assertThat(edited.editedAt()).isPresent();
    assertThat(edited.html()).contains("<em>required</em>");
    assertThat(comments.history(BEN, c.id())).extracting(CommentRevision::body)
        .containsExactly("Trains are fine for trips under 4 hours", "Trains are *required* for trips under 4 hours");
    assertThatThrownBy(() -> comments.edit(ANA, c.id(), "third try", OptionalLong.of(c.version())))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(comments.get(BEN, c.id()).body()).isEqualTo("Trains are *required* for trips under 4 hours");
  }

  @Test
  void onlyTheAuthorEditsAndOnlyTheAuthorOrAModeratorDeletes() {
    Comment c = post(ANA, POLICY, "mine");

    assertThatThrownBy(() -> comments.edit(BEN, c.id(), "hijacked", OptionalLong.empty())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> comments.delete(BEN, c.id())).isInstanceOf(AccessDeniedException.class);
    comments.delete(CARLA, c.id());
    assertThat(all(ANA, POLICY)).isEmpty();
  }

  @Test
  void deletedCommentWithRepliesStaysAsTombstoneAndRepliesStayVisible() {
    Comment parent = post(ANA, POLICY, "question about hotels");
    Comment child = reply(BEN, parent, "use the portal");
    comments.delete(ANA, parent.id());

    List<Comment> list = all(DEV, POLICY);
    assertThat(list).extracting(Comment::id).containsExactly(parent.id(), child.id());
    assertThat(list.get(0).deleted()).isTrue();
    assertThat(list.get(0).body()).isEmpty();
    assertThat(list.get(0).html()).isEmpty();
    assertThat(list.get(1).body()).isEqualTo("use the portal");
    assertThat(comments.counts(DEV, List.of(POLICY))).containsEntry(POLICY, 1L);

    comments.delete(BEN, child.id());
    assertThat(all(DEV, POLICY)).as("a tombstone with no replies left disappears").isEmpty();
  }

  @Test
  void noReplyToADeletedCommentAndNoReplyAcrossTargets() {
    Comment c = post(ANA, POLICY, "x");
    Comment elsewhere = post(ANA, "order:4711", "y");
    comments.delete(ANA, c.id());

    assertThatThrownBy(() -> reply(BEN, c, "too late")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> comments.create(BEN, POLICY, NewComment.replyTo(elsewhere.id(), "wrong page"), Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("parentId"));
  }

  @Test
  void threadsNestOnlyAsDeepAsTheLimit() {
    inflow.close();
    inflow = TestDatabase.inflow().limits(Limits.builder().maxThreadDepth(2).userWritesPerMinute(1000).build()).build();
    comments = inflow.comments();
    Comment c0 = post(ANA, POLICY, "0");
    Comment c1 = reply(BEN, c0, "1");
    Comment c2 = reply(ANA, c1, "2");

    assertThatThrownBy(() -> reply(BEN, c2, "3"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("parentId"));
  }

  @Test
  void longThreadsAreCutShortAndTheRestPagesInThreadOrder() {
    Comment root = post(ANA, POLICY, "root");
    for (int i = 1; i <= 60; i++) {
      reply(BEN, root, "reply " + i);
    }
    List<Comment> list = all(DEV, POLICY);
    assertThat(list).hasSize(51);
    String more = list.get(0).moreReplies().orElseThrow();

    Page<Comment> rest = comments.replies(DEV, root.id(), PageRequest.after(more, 100));
    assertThat(rest.items()).extracting(Comment::body).first().isEqualTo("reply 51");
    assertThat(rest.items()).hasSize(10);
    assertThat(rest.next()).isEmpty();
  }

  @Test
  void enoughFlagsHideACommentUntilAModeratorApprovesIt() {
    Comment c = post(ANA, POLICY, "Buy cheap watches at example.com");
    comments.flag(BEN, c.id(), FlagReason.SPAM, Optional.of("ad"));
    comments.flag(BEN, c.id(), FlagReason.SPAM, Optional.empty());
    comments.flag(DEV, c.id(), FlagReason.SPAM, Optional.empty());
    assertThat(comments.get(ANONYMOUS_MEMBER, c.id()).hidden()).isFalse();
    comments.flag(People.member("erin"), c.id(), FlagReason.ABUSE, Optional.empty());

    Comment seenByOthers = comments.get(ANONYMOUS_MEMBER, c.id());
    assertThat(seenByOthers.hidden()).isTrue();
    assertThat(seenByOthers.body()).isEmpty();
    assertThat(comments.get(ANA, c.id()).body()).as("the author still sees their text").isNotEmpty();
    assertThat(comments.counts(BEN, List.of(POLICY))).containsEntry(POLICY, 0L);

    List<ModerationItem> queue = comments.moderationQueue(CARLA, PageRequest.first(10)).items();
    assertThat(queue).hasSize(1);
    assertThat(queue.get(0).flagCount()).isEqualTo(3);
    assertThat(queue.get(0).reasons()).containsEntry("spam", 2).containsEntry("abuse", 1);
    assertThat(queue.get(0).notes()).containsExactly("ad");
    assertThat(queue.get(0).comment().body()).isEqualTo("Buy cheap watches at example.com");

    assertThatThrownBy(() -> comments.moderate(BEN, c.id(), ModerationAction.APPROVE)).isInstanceOf(AccessDeniedException.class);
    Comment approved = comments.moderate(CARLA, c.id(), ModerationAction.APPROVE);
    assertThat(approved.hidden()).isFalse();
    assertThat(comments.get(BEN, c.id()).body()).isNotEmpty();
    assertThat(comments.moderationQueue(CARLA, PageRequest.first(10)).items()).isEmpty();
  }

  private static final Caller ANONYMOUS_MEMBER = People.member("frank");

  @Test
  void aModeratorRemovingAFlaggedCommentDeletesIt() {
    Comment c = post(ANA, POLICY, "rude words");
    comments.flag(BEN, c.id(), FlagReason.ABUSE, Optional.empty());

    comments.moderate(CARLA, c.id(), ModerationAction.REMOVE);

    assertThat(all(BEN, POLICY)).isEmpty();
    assertThat(comments.moderationQueue(CARLA, PageRequest.first(10)).items()).isEmpty();
    assertThatThrownBy(() -> comments.flag(DEV, c.id(), FlagReason.ABUSE, Optional.empty())).isInstanceOf(ConflictException.class);
  }

  @Test
  void nobodyFlagsTheirOwnComment() {
    Comment c = post(ANA, POLICY, "x");
    assertThatThrownBy(() -> comments.flag(ANA, c.id(), FlagReason.SPAM, Optional.empty())).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void countsComeForManyTargetsAtOnce() {
    post(ANA, "order:1", "a");
    post(ANA, "order:1", "b");
    Comment c = post(ANA, "order:2", "c");
    reply(BEN, c, "d");

    assertThat(comments.counts(DEV, List.of("order:1", "order:2", "order:3")))
        .containsExactly(Map.entry("order:1", 2L), Map.entry("order:2", 2L), Map.entry("order:3", 0L));
  }

  @Test
  void mentionsOfKnownUsersAreLinkedAndListed() {
    inflow.users().remember("default", BEN.user().orElseThrow());
    Comment c = post(ANA, POLICY, "@ben can you confirm? cc @nobody and mail me at ana@example.com");

    assertThat(c.mentions()).containsExactly("ben");
    assertThat(c.html()).contains("<span class=\"mention\" data-user=\"ben\">&#64;ben</span>");
    assertThat(c.html()).doesNotContain("data-user=\"nobody\"");
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameCommentAndAnotherBodyConflicts() {
    var first = comments.create(ANA, POLICY, NewComment.of("once"), Optional.of("key-1"));
    var again = comments.create(ANA, POLICY, NewComment.of("once"), Optional.of("key-1"));

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.value().id()).isEqualTo(first.value().id());
    assertThat(all(BEN, POLICY)).hasSize(1);
    assertThatThrownBy(() -> comments.create(ANA, POLICY, NewComment.of("twice"), Optional.of("key-1")))
        .isInstanceOf(ConflictException.class);
    assertThat(comments.create(BEN, POLICY, NewComment.of("once"), Optional.of("key-1")).replayed())
        .as("keys are per user").isFalse();
  }

  @Test
  void aRetryGetsTheCommentItsFirstAttemptCreatedEvenWhenTheThreadChangedSince() {
    Comment question = post(ANA, POLICY, "Which form do I use?");
    var reply = comments.create(BEN, POLICY, NewComment.replyTo(question.id(), "Form B."), Optional.of("reply-1"));
    comments.delete(ANA, question.id());

    var retry = comments.create(BEN, POLICY, NewComment.replyTo(question.id(), "Form B."), Optional.of("reply-1"));

    assertThat(retry.replayed()).isTrue();
    assertThat(retry.value().id()).isEqualTo(reply.value().id());
    assertThatThrownBy(() -> comments.create(BEN, POLICY, NewComment.replyTo(question.id(), "Form B."), Optional.of("reply-2")))
        .as("a new request").isInstanceOf(ConflictException.class).hasMessageContaining("takes no replies");
  }

  @Test
  void tenantsNeverSeeEachOthersComments() {
    Comment c = post(ANA, POLICY, "internal");
    Caller otherTenant = People.inTenant("acme", BEN);

    assertThat(all(otherTenant, POLICY)).isEmpty();
    assertThatThrownBy(() -> comments.get(otherTenant, c.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> comments.delete(otherTenant, c.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> comments.create(otherTenant, POLICY, NewComment.replyTo(c.id(), "x"), Optional.empty()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(comments.counts(otherTenant, List.of(POLICY))).containsEntry(POLICY, 0L);
  }

  @Test
  void aTargetTheHostHidesIsNotFoundForMembersAndAsksAnonymousToSignIn() {
    inflow.close();
    AccessPolicy hrOnly = new AccessPolicy() {
      @Override
      public boolean canRead(Caller caller, String targetKey) {
        return caller.signedIn() && (!targetKey.startsWith("hr/") || caller.userId().orElseThrow().equals("ana"));
      }

      @Override
      public boolean canWrite(Caller caller, String targetKey) {
        return !targetKey.endsWith("/archived");
      }
    };
    inflow = TestDatabase.inflow().accessPolicy(hrOnly).build();
    comments = inflow.comments();
    Comment c = post(ANA, "hr/salaries", "confidential");

    assertThatThrownBy(() -> all(BEN, "hr/salaries")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> comments.get(BEN, c.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> comments.react(BEN, c.id(), Reaction.EYES)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> all(ANONYMOUS, POLICY)).isInstanceOf(SignInRequiredException.class);
    assertThatThrownBy(() -> post(BEN, "kb/archived", "x")).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() {
    assertField(() -> post(ANA, POLICY, "   "), "body");
    assertField(() -> post(ANA, POLICY, "x".repeat(10_001)), "body");
    assertField(() -> post(ANA, "bad key with spaces", "x"), "targetKey");
    assertField(() -> post(ANA, "a/../b", "x"), "targetKey");
    assertField(() -> comments.create(ANA, POLICY, NewComment.replyTo("abc", "x"), Optional.empty()), "parentId");
    assertField(() -> comments.create(ANA, POLICY, NewComment.of("x"), Optional.of("has space")), "Idempotency-Key");
    assertThatThrownBy(() -> post(ANONYMOUS, POLICY, "x")).isInstanceOf(SignInRequiredException.class);
    assertThatThrownBy(() -> comments.get(ANA, "999999")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> comments.get(ANA, "not-a-number")).isInstanceOf(NotFoundException.class);
    assertThat(all(ANA, POLICY)).isEmpty();
    assertThat(inflow.events().lastSeq("default")).isZero();
  }

  private static void assertField(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly(field));
  }

  @Test
  void aFloodOfWritesIsStoppedWithATimeToRetry() {
    inflow.close();
    inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(5).build()).build();
    comments = inflow.comments();
    for (int i = 0; i < 5; i++) {
      post(ANA, POLICY, "msg " + i);
    }

    assertThatThrownBy(() -> post(ANA, POLICY, "one too many"))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter().getSeconds()).isBetween(1L, 60L));
    assertThat(post(BEN, POLICY, "others can still post").body()).isEqualTo("others can still post");
  }

  @Test
  void everyChangeIsAnEventWithAnIncreasingSequenceNumber() {
    Comment c = post(ANA, POLICY, "hello");
    comments.react(BEN, c.id(), Reaction.HOORAY);
    comments.edit(ANA, c.id(), "hello all", OptionalLong.empty());
    comments.delete(ANA, c.id());
    post(People.inTenant("acme", ANA), POLICY, "other tenant");

    // The feed records activities in the same log under their own topics; this test is about the target's.
    List<Event> events = onTarget(inflow.events().after("default", 0, 100));
    assertThat(events).extracting(Event::kind)
        .containsExactly("comment.created", "comment.reactions", "comment.edited", "comment.deleted");
    assertThat(events).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
    assertThat(events.get(0).payload()).contains("\"body\":\"hello\"");
    assertThat(onTarget(inflow.events().after("default", events.get(1).seq(), 100))).hasSize(2);
    assertThat(inflow.events().lastSeq("default")).isEqualTo(events.get(3).seq());
  }

  private static List<Event> onTarget(List<Event> events) {
    return events.stream().filter(e -> e.topic().equals("target:" + POLICY)).toList();
  }
}
