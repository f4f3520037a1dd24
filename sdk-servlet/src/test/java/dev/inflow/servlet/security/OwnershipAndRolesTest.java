package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed-in members of the same tenant reaching for what is not theirs: another user's comment,
 * question or answer to edit or delete, and every moderator, expert, administrator, operator and
 * service action. Each is a 403 problem, and afterwards everything reads as before.
 */
class OwnershipAndRolesTest extends SecurityContract {
  private final Map<String, String> ids = new HashMap<>();

  @BeforeAll
  void createOthersContent() {
    String ana = TestTokens.token("ana");
    String tag = unique("t");
    String target = unique("kb/");
    JsonNode comment = ok(http().post(API + "/targets/" + target + "/comments").bearer(ana).json("{\"body\":\"Ana's words\"}"));
    ok(http().post(API + "/comments/" + comment.path("id").asText() + "/flags").bearer(TestTokens.token("carl")).json("{\"reason\":\"spam\"}"));
    JsonNode question = ok(http().post(API + "/questions").bearer(ana).json("{\"title\":\"Ana asks\",\"tags\":[\"" + tag + "\"]}"));
    JsonNode answer = ok(http().post(API + "/questions/" + question.path("id").asText() + "/answers").bearer(TestTokens.token("carl"))
        .json("{\"body\":\"Carl answers\"}"));
    JsonNode other = ok(http().post(API + "/questions").bearer(ana).json("{\"title\":\"Ana asked before\",\"tags\":[\"" + tag + "\"]}"));
    ids.put("other", other.path("id").asText());
    ids.put("comment", comment.path("id").asText());
    ids.put("question", question.path("id").asText());
    ids.put("answer", answer.path("id").asText());
    ids.put("tag", tag);
  }

  static Stream<String> notYours() {
    return Stream.of(
        // another user's content
        "PATCH /comments/{comment} {\"body\":\"Ben was here\"}", "DELETE /comments/{comment}",
        "PATCH /questions/{question} {\"title\":\"Ben was here\"}", "DELETE /questions/{question}",
        "PATCH /answers/{answer} {\"body\":\"Ben was here\"}", "DELETE /answers/{answer}",
        "POST /answers/{answer}/accept",
        // moderators, community managers and experts
        "POST /moderation/comments/{comment}/approve", "POST /moderation/comments/{comment}/remove",
        "POST /questions/{question}/close {\"duplicateOf\":\"{other}\"}", "POST /answers/{answer}/verify",
        // administrators and operators
        "PUT /tags/{tag} {\"description\":\"mine now\"}", "PUT /experts/ana/tags {\"tags\":[\"java\"]}",
        "PUT /experts/ana/away {\"away\":true}", "GET /analytics/summary", "GET /admin/webhooks",
        "POST /admin/webhooks {\"url\":\"https://evil.example/hook\",\"events\":[\"*\"]}", "GET /admin/webhook-allowlist",
        "PUT /admin/webhook-allowlist {\"entries\":[\"10.0.0.0/8\"]}", "GET /admin/dead-letters", "GET /admin/export",
        "GET /admin/tenant", "PUT /admin/tenant/origins {\"origins\":[\"https://evil.example\"]}", "POST /admin/tenant/secrets {}",
        "GET /operator/tenants", "POST /operator/tenants {\"id\":\"evil\"}",
        // host backends only
        "POST /activities {\"verb\":\"completed\",\"actor\":\"ana\",\"object\":{\"id\":\"course:1\",\"name\":\"Fake\"}}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notYours")
  void aMemberIsRefused(String call) {
    String[] parts = call.split(" ", 3);
    Http.Request request = http().request(parts[0], API + fill(parts[1])).bearer(TestTokens.token("ben"));
    if (parts.length == 3) {
      request.json(fill(parts[2]));
    }
    Http.Response r = request.send();
    assertProblem(r, 403);
  }

  @AfterAll
  void everythingReadsAsBefore() {
    String ana = TestTokens.token("ana");
    JsonNode comment = ok(http().get(API + "/comments/" + ids.get("comment")).bearer(ana));
    assertThat(comment.path("body").asText()).isEqualTo("Ana's words");
    assertThat(comment.path("deleted").asBoolean()).isFalse();
    JsonNode q = ok(http().get(API + "/questions/" + ids.get("question")).bearer(ana));
    assertThat(q.path("title").asText()).isEqualTo("Ana asks");
    assertThat(q.path("status").asText()).isNotEqualTo("closed");
    assertThat(q.path("answers")).hasSize(1).allSatisfy(a -> {
      assertThat(a.path("body").asText()).isEqualTo("Carl answers");
      assertThat(a.path("accepted").asBoolean()).isFalse();
      assertThat(a.path("verified").asBoolean()).isFalse();
    });
    assertThat(ok(http().get(API + "/admin/webhooks").bearer(TestTokens.token("root", "admin"))).path("items")).isEmpty();
  }

  private String fill(String template) {
    String out = template;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }
}
