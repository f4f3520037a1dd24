package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An anonymous question through every endpoint and the live channel: nobody but administrators
 * learns who asked. The asker's id is unusual so that any appearance of it anywhere is a leak.
 */
abstract class AnonymousAskApiTests extends AskApiContract {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void noEndpointOrLiveFrameRevealsTheAskerToAnyoneButAdministrators() throws Exception {
    String tag = newTag();
    String asker = "quiet-" + UUID.randomUUID().toString().substring(0, 6);
    String askerToken = TestTokens.token(TestTokens.SECRET, b -> b.audience("default").subject(asker).claim("name", "Quentin Quiet"));
    String expert = "eva-" + tag;
    String expertToken = expertToken(expert, tag);
    String manager = "cm-" + tag;
    http().get(API + "/me").bearer(expertToken).send();
    http().put(API + "/tags/" + tag).bearer(TestTokens.token("root", "admin")).json("{\"communityManagers\":[\"" + manager + "\"]}").send();
    long since = Long.parseLong(http().get(API + "/questions?tag=" + tag).bearer(TestTokens.token("ben")).send().header("Inflow-Seq"));
    List<String> seen = new ArrayList<>();

    try (LiveClient ben = LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Authorization", "Bearer " + TestTokens.token("ben")));
        LiveClient eva = LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Authorization", "Bearer " + expertToken))) {
      eva.subscribe("notifications", null);
      Http.Response asked = http().post(API + "/questions").bearer(askerToken).json("{\"title\":\"Is overtime paid in the same month?\","
          + "\"body\":\"Rather not say who I am.\",\"tags\":[\"" + tag + "\"],\"targetKey\":\"kb/payroll-" + tag + "\",\"anonymous\":true}").send();
      JsonNode q = asked.json();
      String id = q.path("id").asText();
      assertThat(q.path("anonymous").asBoolean()).isTrue();
      assertThat(q.path("author").isNull()).isTrue();
      assertThat(q.path("mine").asBoolean()).isTrue();
      seen.add(asked.text());
      JsonNode waiting = ask(askerToken, "{\"title\":\"Who approves overtime?\",\"tags\":[\"" + tag + "\"],\"anonymous\":true}");
      ben.subscribe("question:" + id, since);

      JsonNode a = answer(expertToken, id, "Yes, with the next payroll run.");
      seen.add(http().post(API + "/answers/" + a.path("id").asText() + "/accept").bearer(askerToken).send().text());
      seen.add(http().patch(API + "/questions/" + id).bearer(askerToken).json("{\"title\":\"Is overtime paid in the same month (2026)?\"}").send()
          .text());
      seen.add(http().put(API + "/answers/" + a.path("id").asText() + "/vote").bearer(askerToken).json("{\"value\":\"up\"}").send().text());
      post("ben", "question:" + id, "Same question here");

      ben.await(f -> ben.events().size() >= 5, WAIT);
      eva.await(f -> eva.events().size() >= 3, WAIT);
      ben.frames().forEach(f -> seen.add(f.toString()));
      eva.frames().forEach(f -> seen.add(f.toString()));
      assertThat(ben.events()).extracting(e -> e.path("event").path("kind").asText())
          .contains("question.created", "answer.created", "answer.accepted", "question.edited", "answer.voted");

      for (String reader : List.of("ben", "carla")) {
        String token = reader.equals("carla") ? TestTokens.token("carla", "moderator") : TestTokens.token(reader);
        JsonNode seenByReader = http().get(API + "/questions/" + id).bearer(token).send().json();
        assertThat(seenByReader.path("author").isNull()).as(reader).isTrue();
        assertThat(seenByReader.path("mine").asBoolean()).isFalse();
        seen.add(seenByReader.toString());
        seen.add(http().get(API + "/questions?tag=" + tag).bearer(token).send().text());
        seen.add(http().get(API + "/questions/" + id + "/history").bearer(token).send().text());
        seen.add(http().get(API + "/questions/similar?q=overtime+paid").bearer(token).send().text());
      }
      seen.add(http().get(API + "/questions?scope=mine").bearer(TestTokens.token("ben")).send().text());
      seen.add(http().get(API + "/community/queue?tag=" + tag).bearer(TestTokens.token(manager)).send().text());
      seen.add(http().get(API + "/experts?tag=" + tag).bearer(TestTokens.token("ben")).send().text());
      seen.add(http().get(API + "/notifications").bearer(expertToken).send().text());
      seen.add(http().get(API + "/notifications").bearer(TestTokens.token(manager)).send().text());
      seen.add(http().get(API + "/targets/question:" + id + "/comments").bearer(TestTokens.token("ben")).send().text());
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      seen.add(http().get(API + "/analytics/summary?from=" + today + "&to=" + today).bearer(TestTokens.token("root", "admin")).send().text());
      seen.add(http().get(API + "/analytics/summary?from=" + today + "&to=" + today + "&format=csv").bearer(TestTokens.token("root", "admin"))
          .send().text());

      assertThat(String.join("\n", seen)).doesNotContain(asker).doesNotContain("Quentin");
      assertThat(String.join("\n", seen)).contains(waiting.path("id").asText());

      JsonNode mine = http().get(API + "/questions?scope=mine").bearer(askerToken).send().json().path("items");
      assertThat(mine).hasSize(2).allSatisfy(x -> {
        assertThat(x.path("mine").asBoolean()).isTrue();
        assertThat(x.path("author").isNull()).isTrue();
      });
      JsonNode seenByAdmin = http().get(API + "/questions/" + id).bearer(TestTokens.token("root", "admin")).send().json();
      assertThat(seenByAdmin.path("author").path("id").asText()).as("administrators need it for abuse handling").isEqualTo(asker);
    }
  }
}
