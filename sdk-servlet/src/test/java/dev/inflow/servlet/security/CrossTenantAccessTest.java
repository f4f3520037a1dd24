package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A user of tenant {@code acme} who knows (or guesses) the ids of tenant {@code default}'s comments,
 * questions, answers, activities and notifications: every read and write is a 404, exactly as for
 * an id that does not exist, and nothing changes.
 */
class CrossTenantAccessTest extends SecurityContract {
  private final Map<String, String> ids = new java.util.HashMap<>();
  private String mallory;

  @BeforeAll
  void createDefaultTenantData() {
    String tag = unique("t");
    String target = unique("order:");
    String ana = TestTokens.token("ana");
    String ben = TestTokens.token("ben");
    JsonNode comment = ok(http().post(API + "/targets/" + target + "/comments").bearer(ana).json("{\"body\":\"Secret plan\"}"));
    ok(http().post(API + "/targets/" + target + "/comments").bearer(ben)
        .json("{\"body\":\"@ana reply\",\"parentId\":\"" + comment.path("id").asText() + "\"}"));
    JsonNode question = ok(http().post(API + "/questions").bearer(ana).json("{\"title\":\"Salary bands?\",\"tags\":[\"" + tag + "\"]}"));
    JsonNode answer = ok(http().post(API + "/questions/" + question.path("id").asText() + "/answers").bearer(ben).json("{\"body\":\"Ask HR\"}"));
    JsonNode activity = ok(http().post(API + "/activities").bearer(TestTokens.token("lms", "service"))
        .json("{\"verb\":\"completed\",\"actor\":\"ana\",\"object\":{\"id\":\"course:1\",\"name\":\"Java\"},\"tags\":[\"" + tag + "\"]}"));
    JsonNode notifications = ok(http().get(API + "/notifications").bearer(ana));
    assertThat(notifications.path("items")).as("ana was replied to and mentioned").isNotEmpty();
    ids.put("comment", comment.path("id").asText());
    ids.put("question", question.path("id").asText());
    ids.put("answer", answer.path("id").asText());
    ids.put("activity", activity.path("id").asText());
    ids.put("notification", notifications.path("items").get(0).path("id").asText());
    ids.put("target", target);
    ids.put("tag", tag);
    mallory = TestTokens.acmeToken("mallory");
  }

  static Stream<String> guessedIds() {
    return Stream.of(
        "GET /comments/{comment}", "PATCH /comments/{comment} {\"body\":\"pwned\"}", "DELETE /comments/{comment}",
        "GET /comments/{comment}/replies", "GET /comments/{comment}/history", "PUT /comments/{comment}/reactions/eyes",
        "DELETE /comments/{comment}/reactions/eyes", "POST /comments/{comment}/flags {\"reason\":\"spam\"}",
        "GET /questions/{question}", "PATCH /questions/{question} {\"title\":\"pwned title\"}", "DELETE /questions/{question}",
        "GET /questions/{question}/history", "POST /questions/{question}/answers {\"body\":\"pwned\"}",
        "GET /answers/{answer}", "PATCH /answers/{answer} {\"body\":\"pwned\"}", "DELETE /answers/{answer}",
        "GET /answers/{answer}/history", "PUT /answers/{answer}/vote {\"value\":\"down\"}", "POST /answers/{answer}/accept",
        "POST /answers/{answer}/verify", "GET /activities/{activity}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guessedIds")
  void anotherTenantsIdIsNotFound(String call) {
    String[] parts = call.split(" ", 3);
    Http.Request request = http().request(parts[0], API + fill(parts[1])).bearer(mallory);
    if (parts.length == 3) {
      request.json(fill(parts[2]));
    }
    assertProblem(request.send(), 404);
  }

  @Test
  void aReplyToAnotherTenantsCommentIsRefusedExactlyLikeOneToNoComment() {
    Http.Response guessed = http().post(API + "/targets/" + ids.get("target") + "/comments").bearer(mallory)
        .json("{\"body\":\"x\",\"parentId\":\"" + ids.get("comment") + "\"}").send();
    Http.Response madeUp = http().post(API + "/targets/" + ids.get("target") + "/comments").bearer(mallory)
        .json("{\"body\":\"x\",\"parentId\":\"987654321\"}").send();
    assertProblem(guessed, 400);
    assertThat(guessed.json().path("errors").get(0).path("field").asText()).isEqualTo("parentId");
    assertThat(guessed.text()).as("no oracle for which ids exist elsewhere").isEqualTo(madeUp.text());
    assertThat(ok(http().get(API + "/targets/" + ids.get("target") + "/comments").bearer(mallory)).path("items")).isEmpty();
  }

  @Test
  void listsAndFeedsOfAnotherTenantShowNothingOfThisOne() {
    for (String path : new String[] {"/targets/" + ids.get("target") + "/comments", "/questions?tag=" + ids.get("tag"),
        "/feed/topics/" + ids.get("tag"), "/feed/users/ana", "/feed/targets/" + ids.get("target"), "/notifications", "/feed"}) {
      Http.Response r = http().get(API + path).bearer(mallory).send();
      assertThat(r.status()).as(path + ": " + r).isEqualTo(200);
      assertThat(r.json().path("items")).as(path).isEmpty();
    }
    assertThat(http().get(API + "/comments/counts?keys=" + ids.get("target")).bearer(mallory).send().json()
        .path("counts").path(ids.get("target")).asInt()).isZero();
    assertThat(http().get(API + "/questions/similar?q=Salary+bands").bearer(mallory).send().text()).doesNotContain(ids.get("question"));
  }

  @Test
  void markingAnotherTenantsNotificationReadChangesNothing() {
    Http.Response r = http().post(API + "/notifications/read").bearer(mallory)
        .json("{\"ids\":[\"" + ids.get("notification") + "\"]}").send();
    assertThat(r.status()).as(r.toString()).isIn(200, 204, 404);
    JsonNode mine = ok(http().get(API + "/notifications").bearer(TestTokens.token("ana")));
    assertThat(mine.path("items")).anySatisfy(n -> {
      assertThat(n.path("id").asText()).isEqualTo(ids.get("notification"));
      assertThat(n.path("read").asBoolean()).isFalse();
    });
  }

  @Test
  void nothingWasChangedByTheAttempts() {
    guessedIds().forEach(this::anotherTenantsIdIsNotFound);
    String ana = TestTokens.token("ana");
    assertThat(ok(http().get(API + "/comments/" + ids.get("comment")).bearer(ana)).path("body").asText()).isEqualTo("Secret plan");
    assertThat(ok(http().get(API + "/comments/" + ids.get("comment")).bearer(ana)).path("deleted").asBoolean()).isFalse();
    JsonNode q = ok(http().get(API + "/questions/" + ids.get("question")).bearer(ana));
    assertThat(q.path("title").asText()).isEqualTo("Salary bands?");
    assertThat(q.path("answers")).hasSize(1).allSatisfy(a -> {
      assertThat(a.path("body").asText()).isEqualTo("Ask HR");
      assertThat(a.path("score").asInt()).isZero();
      assertThat(a.path("accepted").asBoolean()).isFalse();
    });
  }

  private String fill(String template) {
    String out = template;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }
}
