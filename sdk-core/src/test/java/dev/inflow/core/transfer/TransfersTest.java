package dev.inflow.core.transfer;

import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.BEN;
import static dev.inflow.core.testing.People.CARLA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.CommentRevision;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.comment.FlagReason;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.comment.Reaction;
import dev.inflow.core.testing.People;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.core.transfer.internal.DefaultTransfers;
import dev.inflow.core.transfer.internal.ExportPart;
import dev.inflow.core.transfer.internal.ExportParts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransfersTest {
  private static final Caller ACME_ANA = People.inTenant("acme", People.ANA);
  private static final Caller ACME_MOD = Caller.of("acme", User.builder("mo").name("Mo Moderator").roles(Role.MODERATOR).build());
  private static final UrlMapping BLOG = UrlMapping.parse("map", List.of("https://blog.acme.example/posts/=blog/{slug}"));
  private Inflow inflow;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(1_000).build()).runBackgroundJobs(false).build();
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  private InputStream sample(String name) {
    return TransfersTest.class.getResourceAsStream(name);
  }

  private List<Comment> thread(Caller who, String target) {
    return inflow.comments().list(who, target, CommentSort.OLDEST, PageRequest.first(100)).items();
  }

  @Test
  void aDisqusExportArrivesWithItsThreadsAuthorsAndDates() {
    ImportReport report = inflow.transfers().importDisqus("acme", sample("disqus-export.xml"), BLOG);

    assertThat(report.imported()).isEqualTo(5);
    assertThat(report.targets()).containsExactly("blog/expense-reports", "blog/vpn-setup");
    assertThat(report.skipped()).containsEntry("spam", 1).containsEntry("unmapped", 1);
    assertThat(report.unmappedUrls()).containsExactly("https://www.acme.example/about");

    List<Comment> vpn = thread(ACME_ANA, "blog/vpn-setup");
    assertThat(vpn).extracting(Comment::depth).containsExactly(0, 1, 2);
    assertThat(vpn.get(0).author().name()).isEqualTo("Ben Okafor");
    assertThat(vpn.get(0).author().id()).isEqualTo("disqus:benokafor");
    assertThat(vpn.get(0).createdAt()).isEqualTo(Instant.parse("2021-03-01T10:15:00Z"));
    assertThat(vpn.get(0).body()).isEqualTo("Worked for me on the first try. Remember to pick **acme-eu** as the gateway.\n\nThanks for writing this up!");
    assertThat(vpn.get(0).html()).contains("<strong>acme-eu</strong>");
    assertThat(vpn.get(1).author().name()).isEqualTo("A traveller");
    assertThat(vpn.get(1).author().id()).startsWith("guest:");
    assertThat(vpn.get(1).parentId()).contains(vpn.get(0).id());
    assertThat(vpn.get(1).html()).contains("<code>UDP 1194</code>");
    assertThat(vpn.get(2).parentId()).contains(vpn.get(1).id());
    assertThat(vpn.get(2).html()).contains("href=\"https://status.acme.example/vpn\"", "nofollow").contains("Same here —");
    assertThat(inflow.targets().resolve("acme", "blog/vpn-setup").title()).isEqualTo("Connecting to the VPN from home & abroad");

    List<Comment> expenses = thread(ACME_ANA, "blog/expense-reports");
    assertThat(expenses).hasSize(2);
    assertThat(expenses.get(0).deleted()).as("a deleted post stays as a tombstone above its reply").isTrue();
    assertThat(expenses.get(1).body()).contains("Photos of receipts");
    assertThat(inflow.comments().counts(ACME_ANA, List.of("blog/vpn-setup", "blog/expense-reports")))
        .containsEntry("blog/vpn-setup", 3L).containsEntry("blog/expense-reports", 1L);
  }

  @Test
  void importingTheSameFileAgainAddsNothingAndRepliesStillFindTheirParents() {
    inflow.transfers().importDisqus("acme", sample("disqus-export.xml"), BLOG);
    Comment reply = inflow.comments().create(ACME_ANA, "blog/vpn-setup",
        NewComment.replyTo(thread(ACME_ANA, "blog/vpn-setup").get(2).id(), "Posted after the move"), Optional.empty()).value();

    ImportReport again = inflow.transfers().importDisqus("acme", sample("disqus-export.xml"), BLOG);

    assertThat(again.imported()).isZero();
    assertThat(again.alreadyImported()).isEqualTo(5);
    assertThat(thread(ACME_ANA, "blog/vpn-setup")).hasSize(4).last().extracting(Comment::id).isEqualTo(reply.id());
  }

  @Test
  void aWordPressExportKeepsApprovedCommentsAndHoldsPendingOnesForModerators() {
    UrlMapping mapping = UrlMapping.parse("map", List.of("https://handbook.acme.example/?p==handbook/post-{id}",
        "https://handbook.acme.example/=handbook/{path}"));

    ImportReport report = inflow.transfers().importWordPress("acme", sample("wordpress-export.xml"), mapping);

    assertThat(report.imported()).isEqualTo(4);
    assertThat(report.targets()).containsExactly("handbook/policies/travel", "handbook/post-1");
    assertThat(report.skipped()).containsEntry("spam", 1).containsEntry("pingback", 1);
    List<Comment> travel = thread(ACME_MOD, "handbook/policies/travel");
    assertThat(travel).extracting(c -> c.author().name()).containsExactly("Ben Okafor", "Erin Meyer", "Fatima Haddad");
    assertThat(travel.get(0).author().id()).isEqualTo("wordpress:ben");
    assertThat(travel.get(0).body()).contains("station to station?\nI usually need");
    assertThat(travel.get(0).createdAt()).isEqualTo(Instant.parse("2021-07-02T09:00:00Z"));
    assertThat(travel.get(1).parentId()).contains(travel.get(0).id());
    assertThat(travel.get(1).html()).contains("<em>Door to door</em>");
    assertThat(travel.get(2).hidden()).as("pending in WordPress").isTrue();
    assertThat(thread(ACME_ANA, "handbook/policies/travel")).hasSize(2);
    assertThat(inflow.transfers().importWordPress("acme", sample("wordpress-export.xml"), mapping).alreadyImported()).isEqualTo(4);
  }

  @Test
  void filesThatAreNotExportsAreRefusedNamingTheFile() {
    assertThatThrownBy(() -> inflow.transfers().importDisqus("acme", sample("wordpress-export.xml"), BLOG))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("file").hasMessageContaining("not a Disqus export");
    assertThatThrownBy(() -> inflow.transfers().importWordPress("acme", stream("<rss><channel>"), BLOG))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> inflow.transfers().importDisqus("acme", stream(
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><disqus>&x;</disqus>"), BLOG))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> UrlMapping.parse("map", List.of("blog.acme.example=blog/{path}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("http");
    assertThatThrownBy(() -> UrlMapping.parse("map", List.of("https://a.example/=blog/{title}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("{title}");
  }

  @Test
  void urlMappingsPlaceEveryKindOfLink() {
    UrlMapping m = UrlMapping.parse("map", List.of("https://blog.example.com/posts/=blog/{slug}", "https://example.com/?p==wp/{id}",
        "https://example.com/=site/{path}"));
    assertThat(m.keyFor("http://blog.example.com/posts/2021/hello-world/?utm=x#c1", "7")).contains("blog/hello-world");
    assertThat(m.keyFor("https://example.com/?p=12", "12")).contains("wp/12");
    assertThat(m.keyFor("https://example.com/docs/caf%C3%A9 menu/", "3")).contains("site/docs/caf-C3-A9-menu");
    assertThat(m.keyFor("https://other.example/", "3")).isEmpty();
  }

  @Test
  void aTenantExportImportsBackWithoutLoss() throws Exception {
    Comment root = inflow.comments().create(ACME_ANA, "kb/vpn", new NewComment("First **draft**", Optional.empty(),
        Optional.of("VPN guide"), Optional.of("https://intranet.example/kb/vpn")), Optional.empty()).value();
    inflow.comments().edit(ACME_ANA, root.id(), "First **final** version, thanks @mo", java.util.OptionalLong.empty());
    Caller ben = People.inTenant("acme", BEN);
    Comment reply = inflow.comments().create(ben, "kb/vpn", NewComment.replyTo(root.id(), "Agreed"), Optional.empty()).value();
    inflow.comments().react(ben, root.id(), Reaction.HEART);
    inflow.comments().react(ACME_MOD, root.id(), Reaction.THUMBS_UP);
    inflow.comments().flag(People.inTenant("acme", CARLA), reply.id(), FlagReason.OFF_TOPIC, Optional.of("belongs elsewhere"));
    Comment gone = inflow.comments().create(ben, "kb/vpn", NewComment.of("to be deleted"), Optional.empty()).value();
    inflow.comments().delete(ben, gone.id());
    inflow.transfers().importDisqus("acme", sample("disqus-export.xml"), BLOG);
    inflow.tenants().create("acme", "Acme", List.of("https://portal.acme.example"));
    inflow.comments().create(ANA, "kb/vpn", NewComment.of("in another tenant"), Optional.empty());
    Caller carla = People.inTenant("acme", CARLA);
    dev.inflow.core.question.Question asked = inflow.questions().ask(ACME_ANA, dev.inflow.core.question.NewQuestion.of(
        "How do I renew the VPN certificate?", "The client says it **expired**.", List.of("vpn")), Optional.empty()).value();
    dev.inflow.core.question.Answer answer = inflow.questions().answer(ben, asked.id(), "Import the new profile from the portal.",
        Optional.empty()).value();
    inflow.questions().vote(carla, answer.id(), dev.inflow.core.question.Vote.UP);
    inflow.questions().accept(ACME_ANA, answer.id());
    inflow.follows().follow(carla, dev.inflow.core.feed.FollowKind.USER, "ana");
    inflow.users().remember("acme", dev.inflow.core.User.builder("vera").name("Vera").expertise(List.of("printers")).build());

    byte[] first = export("acme");
    ImportReport report = inflow.transfers().importTenant("acme2", new ByteArrayInputStream(first));
    byte[] second = export("acme2");

    assertThat(report.rows()).containsEntry("inflow_comment", 8).containsEntry("inflow_comment_reaction", 2)
        .containsEntry("inflow_comment_flag", 1).containsEntry("inflow_comment_revision", 1);
    assertThat(report.rows()).containsEntry("inflow_question", 1).containsEntry("inflow_answer", 1)
        .containsEntry("inflow_answer_vote", 1);
    assertThat(report.rows().get("inflow_activity")).as("the feed travels along").isPositive();
    assertThat(report.rows().get("inflow_follow")).as("follows, carla's and the automatic ones").isGreaterThanOrEqualTo(1);
    assertThat(withoutHeader(second)).isEqualTo(withoutHeader(first));
    Caller acme2Carla = Caller.of("acme2", CARLA.user().orElseThrow());
    assertThat(inflow.questions().get(acme2Carla, asked.id()).answers()).singleElement()
        .satisfies(a -> assertThat(a.accepted()).isTrue());
    assertThat(inflow.questions().similar(acme2Carla, "renew vpn certificate", List.of(), 5))
        .as("imported questions are found by the similar-question search").isNotEmpty();
    assertThat(inflow.experts().list(acme2Carla, Optional.of("printers"), 10)).as("experts by their profile, who never signed in there")
        .extracting(e -> e.user().id()).containsExactly("vera");
    Caller acme2Ben = Caller.of("acme2", BEN.user().orElseThrow());
    assertThat(homeFeed(acme2Ben)).as("home feeds, entries and followed targets alike").isNotEmpty().isEqualTo(homeFeed(ben));
    assertThat(homeFeed(Caller.of("acme2", CARLA.user().orElseThrow()))).isEqualTo(homeFeed(carla));
    Caller acme2Mod = Caller.of("acme2", ACME_MOD.user().orElseThrow());
    List<Comment> copy = thread(acme2Mod, "kb/vpn");
    List<Comment> original = thread(ACME_MOD, "kb/vpn");
    assertThat(copy).usingRecursiveFieldByFieldElementComparatorIgnoringFields("canEdit", "canDelete").isEqualTo(original);
    List<CommentRevision> history = inflow.comments().history(acme2Mod, root.id());
    assertThat(history).extracting(CommentRevision::body).containsExactly("First **draft**", "First **final** version, thanks @mo");
    assertThat(inflow.targets().resolve("acme2", "kb/vpn").title()).isEqualTo("VPN guide");
    assertThat(inflow.tenants().find("acme2").orElseThrow().allowedOrigins()).containsExactly("https://portal.acme.example");
    assertThat(inflow.tenants().activeSecrets("acme2")).as("secrets never leave the server").isEmpty();
    assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain(inflow.tenants().activeSecrets("acme").get(0));
    assertThat(inflow.transfers().importDisqus("acme2", sample("disqus-export.xml"), BLOG).alreadyImported())
        .as("import references travel along").isEqualTo(5);
    Comment fresh = inflow.comments().create(Caller.of("acme2", ANA.user().orElseThrow()), "kb/vpn", NewComment.of("after the move"),
        Optional.empty()).value();
    assertThat(Long.parseLong(fresh.id())).as("new ids come after the imported ones").isGreaterThan(Long.parseLong(gone.id()));
  }

  @Test
  void aTenantExportImportsOnlyIntoATenantWithoutComments() {
    inflow.comments().create(ACME_ANA, "kb/vpn", NewComment.of("hello"), Optional.empty());
    byte[] export = export("acme");

    assertThatThrownBy(() -> inflow.transfers().importTenant("acme", new ByteArrayInputStream(export)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("holds 1 comments");
  }

  @Test
  void storedHtmlIsRenderedAgainAndBrokenDocumentsNameTheField() throws Exception {
    inflow.comments().create(ACME_ANA, "kb/vpn", NewComment.of("plain"), Optional.empty());
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(export("acme"));
    ((ObjectNode) doc.at("/parts/comments/inflow_comment/0")).put("html", "<script>alert(1)</script>");
    ((ObjectNode) doc.at("/parts/users/inflow_user/0")).put("avatar_url", "javascript:alert(1)");
    inflow.transfers().importTenant("evil", new ByteArrayInputStream(new ObjectMapper().writeValueAsBytes(doc)));

    Comment c = thread(Caller.of("evil", ANA.user().orElseThrow()), "kb/vpn").get(0);
    assertThat(c.html()).isEqualTo("<p>plain</p>\n");
    assertThat(c.author().avatarUrl()).isEmpty();

    ((ObjectNode) doc.at("/parts/comments/inflow_comment/0")).put("score", "high");
    assertThatThrownBy(() -> inflow.transfers().importTenant("other", new ByteArrayInputStream(new ObjectMapper().writeValueAsBytes(doc))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("parts.comments.inflow_comment[0].score");
    assertThatThrownBy(() -> inflow.transfers().importTenant("other", stream("{\"format\":\"something else\"}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("format");
    assertThatThrownBy(() -> inflow.transfers().importTenant("other", stream("{\"format\":")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid JSON");
    assertThat(thread(Caller.of("other", ANA.user().orElseThrow()), "kb/vpn")).as("a failed import changes nothing").isEmpty();
  }

  @Test
  void everyTableOfATenantIsExportedOrDeliberatelyLeftOut() throws Exception {
    Set<String> covered = new HashSet<>(ExportParts.NOT_EXPORTED);
    for (ExportPart part : ((DefaultTransfers) inflow.transfers()).tenantTransfer().parts()) {
      part.tables().forEach(t -> covered.add(t.name()));
    }
    Set<String> tenantTables = new TreeSet<>();
    try (Connection c = inflow.platform().db().dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          if (table.startsWith("inflow_") && rs.getString("COLUMN_NAME").equalsIgnoreCase("tenant_id")) {
            tenantTables.add(table);
          }
        }
      }
    }
    assertThat(tenantTables).isNotEmpty();
    assertThat(covered).as("add the feature's tables to an ExportPart in ExportParts, or to NOT_EXPORTED with a reason")
        .containsAll(tenantTables);
  }

  private byte[] export(String tenant) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    inflow.transfers().exportTenant(tenant, out);
    return out.toByteArray();
  }

  private static JsonNode withoutHeader(byte[] export) throws Exception {
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(export);
    doc.remove(List.of("tenant", "exportedAt"));
    // Import times of import references and the tenant's creation time are the original ones too.
    return doc;
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** @return the reader's home feed as they would read it: summaries and excerpts, newest first */
  private List<String> homeFeed(Caller reader) {
    return inflow.feeds().home(reader, dev.inflow.core.PageRequest.first(50)).items().stream()
        .map(a -> a.summary() + ": " + a.object().name()).toList();
  }
}
