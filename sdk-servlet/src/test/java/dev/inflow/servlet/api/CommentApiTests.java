package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comments API as a client sees it; runs on every container (see the subclasses). */
abstract class CommentApiTests extends ApiContract {

  @Test
  void postedCommentIsListedWithRenderedHtmlAndLocation() {
    String target = newTarget();
    Http.Response created = http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana"))
        .json("{\"body\":\"Use the **VPN** profile\",\"targetTitle\":\"VPN setup\",\"targetUrl\":\"https://intranet/kb/vpn\"}").send();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/inflow/api/v1/comments/" + created.json().path("id").asText());
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    JsonNode list = http().get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben")).send().json();
    JsonNode item = list.path("items").get(0);
    assertThat(item.path("html").asText()).isEqualTo("<p>Use the <strong>VPN</strong> profile</p>\n");
    assertThat(item.path("author").path("id").asText()).isEqualTo("ana");
    assertThat(item.path("targetKey").asText()).isEqualTo(target);
    assertThat(item.path("parentId").isNull()).isTrue();
    assertThat(item.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(item.path("reactions").isObject()).isTrue();
    assertThat(item.path("myReactions").isArray()).isTrue();
    assertThat(list.path("next").isNull()).isTrue();
    assertThat(inflow.targets().resolve("default", target).title()).isEqualTo("VPN setup");
  }

  @Test
  void targetKeysWithSlashesWorkInThePath() {
    post("ana", "kb/network/vpn-setup", "slashes are fine");
    JsonNode list = http().get(API + "/targets/kb/network/vpn-setup/comments").bearer(TestTokens.token("ben")).send().json();
    assertThat(list.path("items").get(0).path("targetKey").asText()).isEqualTo("kb/network/vpn-setup");
  }

  @Test
  void repliesAndPagesComeInThreadOrder() {
    String target = newTarget();
    JsonNode first = post("ana", target, "first");
    post("ana", target, "second");
    post("ana", target, "third");
    http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben"))
        .json("{\"body\":\"reply\",\"parentId\":\"" + first.path("id").asText() + "\"}").send();

    JsonNode page1 = http().get(API + "/targets/" + target + "/comments?limit=2").bearer(TestTokens.token("dev")).send().json();
    List<String> bodies = new ArrayList<>();
    page1.path("items").forEach(c -> bodies.add(c.path("body").asText()));
    assertThat(bodies).containsExactly("first", "reply", "second");
    String next = page1.path("next").asText();
    JsonNode page2 = http().get(API + "/targets/" + target + "/comments?limit=2&cursor=" + next).bearer(TestTokens.token("dev")).send().json();
    assertThat(page2.path("items").get(0).path("body").asText()).isEqualTo("third");
    assertThat(page2.path("next").isNull()).isTrue();
    JsonNode newest = http().get(API + "/targets/" + target + "/comments?sort=newest").bearer(TestTokens.token("dev")).send().json();
    assertThat(newest.path("items").get(0).path("body").asText()).isEqualTo("third");
  }

  @Test
  void editNeedsTheCurrentEtagAndKeepsHistory() {
    JsonNode c = post("ana", newTarget(), "draft");
    String path = API + "/comments/" + c.path("id").asText();

    Http.Response edited = http().patch(path).bearer(TestTokens.token("ana")).header("If-Match", "\"1\"").json("{\"body\":\"final\"}").send();
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.header("ETag")).isEqualTo("\"2\"");
    assertThat(edited.json().path("editedAt").isNull()).isFalse();

    Http.Response stale = http().patch(path).bearer(TestTokens.token("ana")).header("If-Match", "\"1\"").json("{\"body\":\"lost update\"}").send();
    assertProblem(stale, 412, null);
    assertThat(stale.header("ETag")).isEqualTo("\"2\"");
    assertThat(http().get(path).bearer(TestTokens.token("ben")).send().json().path("body").asText()).isEqualTo("final");
    JsonNode history = http().get(path + "/history").bearer(TestTokens.token("ben")).send().json();
    assertThat(history.path("items")).hasSize(2);
    assertThat(history.path("items").get(0).path("body").asText()).isEqualTo("draft");
  }

  @Test
  void someoneElsesCommentCannotBeEditedOrDeleted() {
    JsonNode c = post("ana", newTarget(), "mine");
    String path = API + "/comments/" + c.path("id").asText();

    assertProblem(http().patch(path).bearer(TestTokens.token("ben")).json("{\"body\":\"x\"}").send(), 403, null);
    assertProblem(http().delete(path).bearer(TestTokens.token("ben")).send(), 403, null);
    assertThat(http().delete(path).bearer(TestTokens.token("carla", "moderator")).send().status()).isEqualTo(204);
  }

  @Test
  void deletedCommentWithAReplyStaysAsTombstone() {
    String target = newTarget();
    JsonNode parent = post("ana", target, "parent");
    http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben"))
        .json("{\"body\":\"child\",\"parentId\":\"" + parent.path("id").asText() + "\"}").send();

    assertThat(http().delete(API + "/comments/" + parent.path("id").asText()).bearer(TestTokens.token("ana")).send().status()).isEqualTo(204);

    JsonNode items = http().get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("dev")).send().json().path("items");
    assertThat(items.get(0).path("deleted").asBoolean()).isTrue();
    assertThat(items.get(0).path("body").asText()).isEmpty();
    assertThat(items.get(1).path("body").asText()).isEqualTo("child");
  }

  @Test
  void reactionsByEmojiOrAliasOncePerUser() {
    JsonNode c = post("ana", newTarget(), "react to me");
    String base = API + "/comments/" + c.path("id").asText() + "/reactions/";
    String thumbs = URLEncoder.encode("👍", StandardCharsets.UTF_8);

    assertThat(http().put(base + thumbs).bearer(TestTokens.token("ben")).send().status()).isEqualTo(200);
    assertThat(http().put(base + thumbs).bearer(TestTokens.token("ben")).send().status()).isEqualTo(200);
    JsonNode after = http().put(base + "heart").bearer(TestTokens.token("dev")).send().json();
    assertThat(after.path("reactions").path("👍").asInt()).isEqualTo(1);
    assertThat(after.path("reactions").path("❤️").asInt()).isEqualTo(1);
    assertThat(after.path("myReactions")).extracting(JsonNode::asText).containsExactly("❤️");
    JsonNode undone = http().delete(base + "%2B1").bearer(TestTokens.token("ben")).send().json();
    assertThat(undone.path("reactions").has("👍")).isFalse();
    assertProblem(http().put(base + "unicorn").bearer(TestTokens.token("ben")).send(), 400, "emoji");
  }

  @Test
  void countsForManyTargetsInOneCall() {
    String a = newTarget();
    String b = newTarget();
    post("ana", a, "1");
    post("ana", a, "2");
    post("ana", b, "3");

    JsonNode counts = http().get(API + "/comments/counts?keys=" + a + "," + b + ",nothing:here").bearer(TestTokens.token("dev")).send().json();
    assertThat(counts.path("counts").path(a).asLong()).isEqualTo(2);
    assertThat(counts.path("counts").path(b).asLong()).isEqualTo(1);
    assertThat(counts.path("counts").path("nothing:here").asLong()).isZero();
    assertProblem(http().get(API + "/comments/counts").bearer(TestTokens.token("dev")).send(), 400, "keys");
  }

  @Test
  void flagsHideACommentAndModeratorsDecideFromTheQueue() {
    JsonNode c = post("ana", newTarget(), "spammy text");
    String id = c.path("id").asText();
    for (String flagger : List.of("ben", "dev", "erin")) {
      Http.Response r = http().post(API + "/comments/" + id + "/flags").bearer(TestTokens.token(flagger)).json("{\"reason\":\"spam\"}").send();
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    assertThat(http().get(API + "/comments/" + id).bearer(TestTokens.token("frank")).send().json().path("hidden").asBoolean()).isTrue();

    assertProblem(http().get(API + "/moderation/queue").send(), 401, null);
    JsonNode queue = http().get(API + "/moderation/queue").bearer(TestTokens.token("carla", "moderator")).send().json();
    assertThat(queue.path("items")).anySatisfy(item -> {
      assertThat(item.path("comment").path("id").asText()).isEqualTo(id);
      assertThat(item.path("flagCount").asInt()).isEqualTo(3);
      assertThat(item.path("reasons").path("spam").asInt()).isEqualTo(3);
    });
    assertProblem(http().post(API + "/moderation/comments/" + id + "/remove").bearer(TestTokens.token("ben")).send(), 403, null);
    JsonNode removed = http().post(API + "/moderation/comments/" + id + "/remove").bearer(TestTokens.token("carla", "moderator")).send().json();
    assertThat(removed.path("deleted").asBoolean()).isTrue();
    assertProblem(http().post(API + "/comments/" + id + "/flags").bearer(TestTokens.token("gil")).json("{\"reason\":\"odd\"}").send(), 400, "reason");
  }

  @Test
  void theSameIdempotencyKeyReplaysAndAnotherBodyConflicts() {
    String target = newTarget();
    String url = API + "/targets/" + target + "/comments";
    Http.Response first = http().post(url).bearer(TestTokens.token("ana")).header("Idempotency-Key", "k-1").json("{\"body\":\"once\"}").send();
    Http.Response again = http().post(url).bearer(TestTokens.token("ana")).header("Idempotency-Key", "k-1").json("{\"body\":\"once\"}").send();
    Http.Response other = http().post(url).bearer(TestTokens.token("ana")).header("Idempotency-Key", "k-1").json("{\"body\":\"twice\"}").send();

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
    assertProblem(other, 409, null);
    assertThat(http().get(url).bearer(TestTokens.token("ben")).send().json().path("items")).hasSize(1);
  }
}
