package dev.inflow.core.comment;

import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.ANONYMOUS;
import static dev.inflow.core.testing.People.BEN;
import static dev.inflow.core.testing.People.CARLA;
import static dev.inflow.core.testing.People.DEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.PageRequest;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.comment.internal.DefaultComments;
import dev.inflow.core.comment.internal.SharedPage;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.testing.People;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.core.transfer.UrlMapping;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readers without a stake in a page of comments share one copy of it, read and written as JSON
 * once; every change shows to the next reader, and every reader with a stake still gets their own.
 */
class SharedPagesTest {
  private static final String TARGET = "kb/expenses";
  private static final Caller ERIN = People.member("erin");
  private final Inflow inflow = TestDatabase.inflow()
      .limits(Limits.builder().userWritesPerMinute(1_000).autoHideFlags(1).build()).build();
  private final DefaultComments comments = (DefaultComments) inflow.comments();

  @AfterEach
  void stop() {
    inflow.close();
  }

  /** The live hub runs on every node that serves the REST API; pages are shared only then. */
  private void startHub() {
    inflow.platform().hub().position();
  }

  /** Waits until the hub has read every event so far, which retires pages read before it did. */
  private void settle() throws InterruptedException {
    long last = inflow.events().lastSeq("default");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (inflow.platform().hub().position() < last && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private Comment post(Caller who, String body) {
    return comments.create(who, TARGET, NewComment.of(body), Optional.empty()).value();
  }

  private DefaultComments.Listing listing(Caller who) {
    return comments.listing(who, TARGET, CommentSort.OLDEST, PageRequest.first(20));
  }

  private List<String> bodies(Caller who) {
    return listing(who).page().items().stream().map(Comment::body).toList();
  }

  @Test
  void withoutTheLiveHubEveryPageIsReadForItsReader() {
    post(ANA, "Receipts go to finance by the 5th");
    assertThat(listing(BEN).shared()).isEmpty();
    assertThat(listing(DEV).page().items()).hasSize(1);
  }

  @Test
  void readersWithoutAStakeShareOnePageWrittenOnce() throws Exception {
    startHub();
    Comment first = post(ANA, "Receipts go to finance by the 5th");
    post(ANA, "Photos of receipts are fine");
    settle();

    SharedPage forBen = listing(BEN).shared().orElseThrow();
    assertThat(listing(DEV).shared()).containsSame(forBen);
    assertThatThrownBy(() -> listing(ANONYMOUS)).as("the access check comes before the shared page").isInstanceOf(SignInRequiredException.class);
    assertThat(forBen.page().items()).extracting(Comment::body).containsExactly("Receipts go to finance by the 5th", "Photos of receipts are fine");
    assertThat(forBen.page().items()).allSatisfy(c -> assertThat(c.canEdit()).isFalse());
    assertThat(forBen.json()).as("written once, as the API writes any page").isSameAs(forBen.json())
        .isEqualTo(Json.bytes(forBen.page()));

    DefaultComments.Listing forAna = listing(ANA);
    assertThat(forAna.shared()).as("the author has a stake in her comments").isEmpty();
    assertThat(forAna.page().items()).allSatisfy(c -> assertThat(c.canEdit()).isTrue());
    assertThat(forAna.page().items().get(0).id()).isEqualTo(first.id());
  }

  @Test
  void readersWithAStakeStillSeeTheirReactionsHiddenCommentsAndModeration() {
    startHub();
    Comment tip = post(ANA, "Use the travel card");
    comments.react(BEN, tip.id(), Reaction.THUMBS_UP);
    Comment spam = post(ERIN, "Cheap watches at example.com");
    comments.flag(DEV, spam.id(), FlagReason.SPAM, Optional.empty());

    assertThat(listing(BEN).shared()).isEmpty();
    assertThat(listing(BEN).page().items().get(0).myReactions()).containsExactly(Reaction.THUMBS_UP.emoji());
    DefaultComments.Listing forDev = listing(DEV);
    assertThat(forDev.shared()).isPresent();
    assertThat(forDev.page().items()).extracting(Comment::body).containsExactly("Use the travel card");
    assertThat(forDev.page().items().get(0).reactions()).containsEntry(Reaction.THUMBS_UP.emoji(), 1);
    assertThat(forDev.page().items().get(0).myReactions()).isEmpty();
    assertThat(bodies(ERIN)).as("the author of a hidden comment still sees it").containsExactly("Use the travel card", "Cheap watches at example.com");
    assertThat(listing(CARLA).shared()).as("moderators see hidden comments").isEmpty();
    assertThat(bodies(CARLA)).containsExactly("Use the travel card", "Cheap watches at example.com");
  }

  @Test
  void everyChangeShowsToTheNextReader() {
    startHub();
    assertThat(bodies(DEV)).isEmpty();
    Comment c = post(ANA, "Receipts go to finance by the 5th");
    assertThat(bodies(DEV)).containsExactly("Receipts go to finance by the 5th");
    comments.create(BEN, TARGET, NewComment.replyTo(c.id(), "Even for trains?"), Optional.empty());
    assertThat(bodies(DEV)).containsExactly("Receipts go to finance by the 5th", "Even for trains?");
    comments.edit(ANA, c.id(), "Receipts go to finance by the 10th", OptionalLong.empty());
    assertThat(bodies(DEV)).first().isEqualTo("Receipts go to finance by the 10th");
    comments.react(ERIN, c.id(), Reaction.HEART);
    assertThat(listing(DEV).page().items().get(0).reactions()).containsEntry(Reaction.HEART.emoji(), 1);
    comments.flag(ERIN, c.id(), FlagReason.OFF_TOPIC, Optional.empty());
    assertThat(listing(DEV).page().items().get(0).hidden()).isTrue();
    comments.moderate(CARLA, c.id(), ModerationAction.APPROVE);
    assertThat(listing(DEV).page().items().get(0).hidden()).isFalse();
    comments.delete(ANA, c.id());
    assertThat(listing(DEV).page().items().get(0).deleted()).isTrue();
    assertThat(listing(DEV).shared()).isPresent();
  }

  @Test
  void aChangeSeenByTheHubRetiresThePageBeforeTheHubsPositionPassesIt() throws Exception {
    startHub();
    post(ANA, "one");
    SharedPage before = listing(DEV).shared().orElseThrow();
    assertThat(before.seq()).isLessThanOrEqualTo(inflow.platform().hub().position());
    long event = inflow.events().lastSeq("default");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (listing(DEV).shared().orElseThrow().seq() < event && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(listing(DEV).shared().orElseThrow().seq()).as("read again once the hub passed the comment's event").isGreaterThanOrEqualTo(event);
  }

  @Test
  void anImportRetiresTheTenantsPages() {
    startHub();
    Caller reader = People.inTenant("acme", DEV);
    assertThat(comments.listing(reader, "blog/vpn-setup", CommentSort.OLDEST, PageRequest.first(20)).page().items()).isEmpty();
    inflow.transfers().importDisqus("acme", SharedPagesTest.class.getResourceAsStream("/dev/inflow/core/transfer/disqus-export.xml"),
        UrlMapping.parse("map", List.of("https://blog.acme.example/posts/=blog/{slug}")));
    assertThat(comments.listing(reader, "blog/vpn-setup", CommentSort.OLDEST, PageRequest.first(20)).page().items()).hasSize(3);
  }
}
