package dev.inflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inflow.core.Limits;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every call of the client against the real servlet in Jetty, on the database of the run (H2 or
 * PostgreSQL), with tokens from the client's own signer. Tests keep out of each other's way by
 * using their own target keys.
 */
class ClientContractTest extends ContractServer {
  private CommentsApi commentsAs(String user, String... roles) {
    return as(user, roles).comments();
  }

  @Test
  void meShowsTheUserTheSignedTokenNames() {
    InflowClient ana = client.withTokenSupplier(() -> signer.sign(TokenUser.of("ana", "Ana Lima").withRoles("moderator")
        .withExpertise("vpn").withAvatarUrl("https://intranet.example.com/people/ana.png")));

    Me me = ana.me();

    assertThat(me.signedIn()).isTrue();
    assertThat(me.tenant()).isEqualTo("default");
    assertThat(me.user()).get().satisfies(user -> {
      assertThat(user.id()).isEqualTo("ana");
      assertThat(user.name()).isEqualTo("Ana Lima");
      assertThat(user.roles()).contains("member", "moderator");
      assertThat(user.avatarUrl()).contains("https://intranet.example.com/people/ana.png");
    });
    assertThat(me.csrfToken()).isPresent();
    assertThat(me.maxBodyChars()).isEqualTo(Limits.defaults().maxBodyChars());
    assertThat(me.reactions()).contains("👍", "❤️");
    assertThat(client.me().signedIn()).isFalse();
    assertThat(client.me().user()).isEmpty();
  }

  @Test
  void postedCommentIsReadBackListedAndCounted() {
    String target = newTarget();
    Comment posted = commentsAs("ana").create(target, NewComment.of("Use the **VPN** profile").onTarget("VPN setup", "https://intranet/kb/vpn"));

    assertThat(posted.body()).isEqualTo("Use the **VPN** profile");
    assertThat(posted.html()).isEqualTo("<p>Use the <strong>VPN</strong> profile</p>\n");
    assertThat(posted.author()).isEqualTo(new Author("ana", "Ana", java.util.Optional.empty()));
    assertThat(posted.targetKey()).isEqualTo(target);
    assertThat(posted.version()).isEqualTo(1);
    assertThat(posted.canEdit()).isTrue();
    assertThat(commentsAs("ben").get(posted.id())).satisfies(seen -> {
      assertThat(seen.body()).isEqualTo(posted.body());
      assertThat(seen.canEdit()).isFalse();
    });
    Page<Comment> page = commentsAs("ben").list(target);
    assertThat(page.items()).extracting(Comment::id).containsExactly(posted.id());
    assertThat(page.hasNext()).isFalse();
    assertThat(commentsAs("ben").counts(List.of(target, "nothing:here"))).containsExactly(Map.entry(target, 1L), Map.entry("nothing:here", 0L));
    assertThat(inflow.targets().resolve("default", target).title()).isEqualTo("VPN setup");
  }

  @Test
  void targetKeysWithColonsAndSlashesReachTheServerIntact() {
    String target = "kb/network/" + newTarget() + "/vpn-setup";
    commentsAs("ana").create(target, NewComment.of("slashes and colons"));

    assertThat(commentsAs("ben").list(target).items()).singleElement().extracting(Comment::targetKey).isEqualTo(target);
    assertThat(commentsAs("ben").counts(List.of(target))).containsEntry(target, 1L);
  }

  @Test
  void streamWalksEveryPageAndListPagesFollowTheCursor() {
    String target = newTarget();
    for (int i = 1; i <= 5; i++) {
      commentsAs("ana").create(target, NewComment.of("comment " + i));
    }

    assertThat(commentsAs("ben").stream(target, ListOptions.first().limit(2)).map(Comment::body))
        .containsExactly("comment 1", "comment 2", "comment 3", "comment 4", "comment 5");
    assertThat(commentsAs("ben").stream(target, ListOptions.first().sort(CommentSort.NEWEST).limit(2)).map(Comment::body).findFirst())
        .contains("comment 5");
    Page<Comment> first = commentsAs("ben").list(target, ListOptions.first().limit(3));
    Page<Comment> second = commentsAs("ben").list(target, ListOptions.first().limit(3).after(first.next().orElseThrow()));
    assertThat(second.items()).extracting(Comment::body).containsExactly("comment 4", "comment 5");
    assertThat(second.next()).isEmpty();
  }

  @Test
  void repliesFollowTheirParentAndCanBeReadOnTheirOwn() {
    String target = newTarget();
    Comment parent = commentsAs("ana").create(target, NewComment.of("parent"));
    Comment reply = commentsAs("ben").create(target, NewComment.of("reply").replyTo(parent.id()));
    commentsAs("ana").create(target, NewComment.of("second"));

    assertThat(reply.parentId()).contains(parent.id());
    assertThat(reply.depth()).isEqualTo(1);
    assertThat(commentsAs("dev").list(target).items()).extracting(Comment::body).containsExactly("parent", "reply", "second");
    assertThat(commentsAs("dev").get(parent.id()).replyCount()).isEqualTo(1);
    assertThat(commentsAs("dev").replies(parent.id()).items()).extracting(Comment::id).containsExactly(reply.id());
    assertThatThrownBy(() -> commentsAs("dev").replies(parent.id(), "not-a-cursor")).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).errors()).extracting(FieldError::field).contains("cursor"));
  }

  @Test
  void editNeedsTheCurrentVersionAndAStaleEditNamesTheCurrentOne() {
    Comment draft = commentsAs("ana").create(newTarget(), NewComment.of("draft"));

    Comment edited = commentsAs("ana").edit(draft.id(), "final", draft.version());
    PreconditionFailedException stale = catchThrowableOfType(PreconditionFailedException.class,
        () -> commentsAs("ana").edit(draft.id(), "lost update", draft.version()));

    assertThat(edited.version()).isEqualTo(2);
    assertThat(edited.editedAt()).isPresent();
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.currentVersion()).hasValue(2);
    assertThat(stale.problem()).get().extracting(Problem::type).isEqualTo("https://inflow.dev/problems/precondition-failed");
    assertThat(commentsAs("ben").get(draft.id()).body()).isEqualTo("final");
    assertThat(commentsAs("ben").history(draft.id())).extracting(CommentRevision::version, CommentRevision::body)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "draft"), org.assertj.core.groups.Tuple.tuple(2L, "final"));
    assertThat(commentsAs("ben").history(draft.id()).get(0).editor().id()).isEqualTo("ana");
  }

  @Test
  void someoneElsesCommentIsForbiddenButAModeratorMayDeleteIt() {
    String target = newTarget();
    Comment mine = commentsAs("ana").create(target, NewComment.of("mine"));

    ForbiddenException e = catchThrowableOfType(ForbiddenException.class, () -> commentsAs("ben").edit(mine.id(), "x", mine.version()));
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.problem()).get().extracting(Problem::detail).asString().contains("only the author can edit");
    assertThatThrownBy(() -> commentsAs("ben").delete(mine.id())).isInstanceOf(ForbiddenException.class);

    commentsAs("carla", "moderator").delete(mine.id());
    commentsAs("carla", "moderator").delete(mine.id());
    assertThat(commentsAs("ben").list(target).items()).isEmpty();
  }

  @Test
  void reactionsByEmojiOrAliasAndAnUnknownEmojiNamesTheField() {
    Comment c = commentsAs("ana").create(newTarget(), NewComment.of("react to me"));

    commentsAs("ben").react(c.id(), "👍");
    commentsAs("ben").react(c.id(), "👍");
    Comment after = commentsAs("dev").react(c.id(), "heart");
    assertThat(after.reactions()).containsEntry("👍", 1).containsEntry("❤️", 1);
    assertThat(after.myReactions()).containsExactly("❤️");
    assertThat(commentsAs("ben").unreact(c.id(), "+1").reactions()).doesNotContainKey("👍");
    assertThat(commentsAs("dev").unreact(c.id(), "❤️").reactions()).isEmpty();

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> commentsAs("ben").react(c.id(), "unicorn"));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("emoji");
  }

  @Test
  void flagsHideACommentAndModeratorsDecideFromTheQueue() {
    String target = newTarget();
    Comment spam = commentsAs("ana").create(target, NewComment.of("spammy text"));
    Comment doubtful = commentsAs("ana").create(target, NewComment.of("doubtful"));
    for (String flagger : List.of("ben", "dev", "erin")) {
      commentsAs(flagger).flag(spam.id(), FlagReason.SPAM);
    }
    commentsAs("ben").flag(spam.id(), FlagReason.SPAM);
    commentsAs("ben").flag(doubtful.id(), FlagReason.OTHER, "source?");

    assertThat(commentsAs("frank").get(spam.id()).hidden()).isTrue();
    assertThatThrownBy(() -> client.comments().queue()).isInstanceOf(UnauthorizedException.class);
    Page<ModerationItem> queue = commentsAs("carla", "moderator").queue();
    assertThat(queue.items()).anySatisfy(item -> {
      assertThat(item.comment().id()).isEqualTo(spam.id());
      assertThat(item.flagCount()).isEqualTo(3);
      assertThat(item.reasons()).containsEntry("spam", 3);
    });
    assertThat(queue.items()).anySatisfy(item -> {
      assertThat(item.comment().id()).isEqualTo(doubtful.id());
      assertThat(item.notes()).containsExactly("source?");
    });
    assertThatThrownBy(() -> commentsAs("ben").remove(spam.id())).isInstanceOf(ForbiddenException.class);
    assertThat(commentsAs("carla", "moderator").remove(spam.id()).deleted()).isTrue();
    assertThatThrownBy(() -> commentsAs("carla", "moderator").remove(spam.id())).isInstanceOf(ConflictException.class);
    assertThat(commentsAs("carla", "moderator").approve(doubtful.id()).hidden()).isFalse();
    assertThat(commentsAs("carla", "moderator").queue().items()).extracting(item -> item.comment().id()).doesNotContain(spam.id(), doubtful.id());
    assertThatThrownBy(() -> commentsAs("ana").flag(doubtful.id(), FlagReason.ABUSE)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aBlankBodyIsRefusedNamingTheField() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> commentsAs("ana").create(newTarget(), NewComment.of("  ")));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
    assertThat(e.problem()).get().extracting(Problem::type).isEqualTo("https://inflow.dev/problems/invalid-input");
    assertThatThrownBy(() -> commentsAs("ana").create(newTarget(), NewComment.of("reply").replyTo("999999999")))
        .isInstanceOf(InvalidRequestException.class).satisfies(x -> assertThat(((InvalidRequestException) x).errors())
            .extracting(FieldError::field).containsExactly("parentId"));
  }

  @Test
  void aBodyLargerThanTheServerAcceptsIsPayloadTooLarge() {
    PayloadTooLargeException e = catchThrowableOfType(PayloadTooLargeException.class,
        () -> commentsAs("ana").create(newTarget(), NewComment.of("x".repeat(70_000))));

    assertThat(e.status()).isEqualTo(413);
  }

  @Test
  void tokensTheServerCannotTrustAreUnauthorizedWithTheReason() {
    UserTokenSigner otherSecret = UserTokenSigner.builder().tenant("default").secret(TestTokens.OTHER_TENANT_SECRET).build();
    UserTokenSigner stale = UserTokenSigner.builder().secret(TestTokens.SECRET).lifetime(Duration.ofMinutes(1))
        .clock(Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC)).build();

    UnauthorizedException forged = catchThrowableOfType(UnauthorizedException.class,
        () -> client.withTokenSupplier(() -> otherSecret.sign("ana", "Ana")).me());
    UnauthorizedException expired = catchThrowableOfType(UnauthorizedException.class,
        () -> client.withTokenSupplier(() -> stale.sign("ana", "Ana")).comments().list(newTarget()));

    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.problem()).get().extracting(Problem::detail).asString().contains("signature");
    assertThat(expired.problem()).get().extracting(Problem::detail).asString().contains("expired");
    assertThat(expired.getMessage()).doesNotContain("eyJ");
  }

  @Test
  void anUnknownCommentIsNotFound() {
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> commentsAs("ana").get("987654321"));

    assertThat(e.status()).isEqualTo(404);
    assertThatThrownBy(() -> commentsAs("ana").history("987654321")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theSameIdempotencyKeyReplaysTheCommentAndAnotherBodyConflicts() {
    String target = newTarget();
    String key = "import-" + UUID.randomUUID();

    Comment first = commentsAs("ana").create(target, NewComment.of("once"), key);
    Comment again = commentsAs("ana").create(target, NewComment.of("once"), key);
    ConflictException other = catchThrowableOfType(ConflictException.class, () -> commentsAs("ana").create(target, NewComment.of("twice"), key));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.problem()).get().extracting(Problem::detail).asString().contains("Idempotency-Key");
    assertThat(commentsAs("ben").list(target).items()).hasSize(1);
  }
}
