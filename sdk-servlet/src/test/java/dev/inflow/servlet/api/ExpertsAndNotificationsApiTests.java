package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The experts directory, tags, the community-manager view, notifications, analytics and the live topics of questions. */
abstract class ExpertsAndNotificationsApiTests extends AskApiContract {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private LiveClient connect(String token) {
    return LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void theExpertsDirectoryRanksWithReasonsAndAdministratorsDeclareExpertise() {
    String tag = newTag();
    http().get(API + "/me").bearer(expertToken("eva-" + tag, tag)).send();
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Question\",\"tags\":[\"" + tag + "\"]}");
    JsonNode a = answer(TestTokens.token("finn-" + tag), q.path("id").asText(), "Answer");
    http().post(API + "/answers/" + a.path("id").asText() + "/accept").bearer(TestTokens.token("ana")).send();
    assertProblem(http().put(API + "/experts/gil-" + tag + "/tags").bearer(TestTokens.token("ana")).json("{\"tags\":[\"" + tag + "\"]}").send(),
        403, null);
    Http.Response declared = http().put(API + "/experts/gil-" + tag + "/tags").bearer(TestTokens.token("root", "admin"))
        .json("{\"tags\":[\"" + tag + "\"]}").send();
    assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
    assertProblem(http().put(API + "/experts/gil-" + tag + "/tags").bearer(TestTokens.token("root", "admin")).json("{}").send(), 400, "tags");

    JsonNode experts = http().get(API + "/experts?tag=" + tag).bearer(TestTokens.token("ben")).send().json().path("items");

    assertThat(experts).extracting(e -> e.path("user").path("id").asText()).containsExactly("eva-" + tag, "gil-" + tag, "finn-" + tag);
    assertThat(experts.get(0).path("reasons").get(0).path("text").asText()).isEqualTo("declared " + tag + " (profile)");
    assertThat(experts.get(1).path("reasons").get(0).path("source").asText()).isEqualTo("admin");
    assertThat(experts.get(2).path("reasons").get(0).path("text").asText()).isEqualTo("1 accepted answer on " + tag);
    Http.Response away = http().put(API + "/experts/eva-" + tag + "/away").bearer(expertToken("eva-" + tag, tag)).json("{\"away\":true}").send();
    assertThat(away.json().path("away").asBoolean()).as(away.toString()).isTrue();
    assertProblem(http().put(API + "/experts/eva-" + tag + "/away").bearer(TestTokens.token("ben")).json("{\"away\":false}").send(), 403, null);
    assertProblem(http().put(API + "/experts/eva-" + tag + "/away").bearer(TestTokens.token("ben")).json("{\"away\":\"yes\"}").send(), 400, "away");
  }

  @Test
  void administratorsDefineTagsAndCommunityManagersSeeTheirQueueOldestFirst() {
    String tag = newTag();
    String manager = "cm-" + tag;
    assertProblem(http().put(API + "/tags/" + tag).bearer(TestTokens.token("ana")).json("{\"description\":\"x\"}").send(), 403, null);
    assertProblem(http().put(API + "/tags/" + tag).bearer(TestTokens.token("root", "admin")).json("{\"deadlineMinutes\":1}").send(),
        400, "deadlineMinutes");
    JsonNode defined = http().put(API + "/tags/" + tag).bearer(TestTokens.token("root", "admin"))
        .json("{\"description\":\"Remote access\",\"communityManagers\":[\"" + manager + "\"],\"deadlineMinutes\":120}").send().json();
    assertThat(defined.path("deadlineMinutes").asInt()).isEqualTo(120);
    JsonNode older = ask(TestTokens.token("ana"), "{\"title\":\"Older\",\"tags\":[\"" + tag + "\"]}");
    JsonNode newer = ask(TestTokens.token("ben"), "{\"title\":\"Newer\",\"tags\":[\"" + tag + "\"]}");

    assertThat(http().get(API + "/tags").bearer(TestTokens.token("dev")).send().json().path("items"))
        .anySatisfy(t -> {
          assertThat(t.path("name").asText()).isEqualTo(tag);
          assertThat(t.path("questionCount").asInt()).isEqualTo(2);
          assertThat(t.path("communityManagers").get(0).asText()).isEqualTo(manager);
        });
    JsonNode queue = http().get(API + "/community/queue").bearer(TestTokens.token(manager)).send().json().path("items");
    assertThat(queue).singleElement().satisfies(q -> {
      assertThat(q.path("tag").asText()).isEqualTo(tag);
      assertThat(q.path("unanswered").asInt()).isEqualTo(2);
      assertThat(q.path("questions")).extracting(x -> x.path("id").asText()).containsExactly(older.path("id").asText(), newer.path("id").asText());
    });
    assertProblem(http().get(API + "/community/queue").bearer(TestTokens.token("dev")).send(), 403, null);
  }

  @Test
  void notificationsAreListedCountedMarkedReadAndDeliveredLive() throws Exception {
    String tag = newTag();
    String expert = "eva-" + tag;
    String token = expertToken(expert, tag);
    http().get(API + "/me").bearer(token).send();
    try (LiveClient live = connect(token)) {
      live.subscribe("notifications", null);
      live.await(f -> f.stream().anyMatch(x -> x.path("type").asText().equals("subscribed")), WAIT);
      JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Routed to you\",\"tags\":[\"" + tag + "\"]}");

      JsonNode frame = live.await(f -> !live.events().isEmpty(), WAIT).stream().filter(x -> x.path("type").asText().equals("event"))
          .findFirst().orElseThrow();
      assertThat(frame.path("topic").asText()).isEqualTo("notifications");
      assertThat(frame.path("event").path("kind").asText()).isEqualTo("notification.created");
      assertThat(frame.path("event").path("notification").path("questionId").asText()).isEqualTo(q.path("id").asText());
      assertThat(frame.path("event").path("unreadCount").asInt()).isEqualTo(1);
    }
    Http.Response list = http().get(API + "/notifications").bearer(token).send();
    assertThat(list.json().path("unreadCount").asInt()).as(list.toString()).isEqualTo(1);
    JsonNode n = list.json().path("items").get(0);
    assertThat(n.path("reason").asText()).isEqualTo("question.routed");
    assertThat(n.path("title").asText()).isEqualTo("Routed to you");

    assertProblem(http().post(API + "/notifications/read").bearer(token).json("{}").send(), 400, "ids");
    assertProblem(http().post(API + "/notifications/read").bearer(token).json("{\"ids\":[\"abc\"]}").send(), 400, "ids");
    assertThat(http().post(API + "/notifications/read").bearer(token).json("{\"ids\":[\"" + n.path("id").asText() + "\"]}").send()
        .json().path("unreadCount").asInt()).isZero();
    assertThat(http().get(API + "/notifications?unread=true").bearer(token).send().json().path("items")).isEmpty();
    assertThat(http().post(API + "/notifications/read").bearer(token).json("{\"all\":true}").send().json().path("unreadCount").asInt()).isZero();
    assertProblem(http().get(API + "/notifications").send(), 401, null);
  }

  @Test
  void aReplyNotifiesTheAuthorOfTheCommentWithWhereToLook() {
    String target = "order:" + newTag();
    String ana = TestTokens.token("ana");
    JsonNode first = http().post(API + "/targets/" + target + "/comments").bearer(ana)
        .json("{\"body\":\"Late again\",\"targetTitle\":\"Order late\",\"targetUrl\":\"https://erp.example/o/1\"}").send().json();
    int before = http().get(API + "/notifications").bearer(ana).send().json().path("unreadCount").asInt();
    http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben"))
        .json("{\"body\":\"Checking\",\"parentId\":\"" + first.path("id").asText() + "\"}").send();

    Http.Response list = http().get(API + "/notifications").bearer(ana).send();
    assertThat(list.json().path("unreadCount").asInt()).isEqualTo(before + 1);
    JsonNode n = list.json().path("items").get(0);
    assertThat(n.path("reason").asText()).isEqualTo("comment.replied");
    assertThat(n.path("title").asText()).isEqualTo("Order late");
    assertThat(n.path("url").asText()).isEqualTo("https://erp.example/o/1");
    assertThat(n.path("targetKey").asText()).isEqualTo(target);
  }

  @Test
  void emailPreferencesAreReadAndSetWithTheirAddress() {
    String token = TestTokens.token("pref-" + newTag());
    JsonNode initial = http().get(API + "/notifications/preferences").bearer(token).send().json();
    assertThat(initial.path("email").asText()).isEqualTo("off");
    assertThat(initial.path("available").asBoolean()).as("no mail server in this test server").isFalse();

    assertProblem(http().put(API + "/notifications/preferences").bearer(token).json("{\"email\":\"weekly\"}").send(), 400, "email");
    assertProblem(http().put(API + "/notifications/preferences").bearer(token).json("{\"email\":\"daily\"}").send(), 400, "address");
    JsonNode set = http().put(API + "/notifications/preferences").bearer(token)
        .json("{\"email\":\"daily\",\"address\":\"pref@example.com\"}").send().json();
    assertThat(set.path("email").asText()).isEqualTo("daily");
    assertThat(http().get(API + "/notifications/preferences").bearer(token).send().json().path("address").asText()).isEqualTo("pref@example.com");
    assertProblem(http().get(API + "/notifications/preferences").send(), 401, null);
  }

  @Test
  void aQuestionPageFollowsItsAnswersLiveAndOthersNotificationsCannotBeSubscribed() throws Exception {
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Live question\",\"tags\":[\"" + newTag() + "\"]}");
    try (LiveClient ben = connect(TestTokens.token("ben"))) {
      ben.subscribe("question:" + q.path("id").asText(), null);
      ben.await(f -> f.stream().anyMatch(x -> x.path("type").asText().equals("subscribed")), WAIT);
      answer(TestTokens.token("dev"), q.path("id").asText(), "Live answer");

      JsonNode event = ben.await(f -> !ben.events().isEmpty(), WAIT).stream().filter(x -> x.path("type").asText().equals("event"))
          .findFirst().orElseThrow();
      assertThat(event.path("event").path("kind").asText()).isEqualTo("answer.created");
      assertThat(event.path("event").path("answer").path("body").asText()).isEqualTo("Live answer");
      assertThat(event.path("event").path("question").path("status").asText()).isEqualTo("answered");

      ben.subscribe("notifications:ana", null);
      ben.subscribe("question:987654321", null);
      ben.await(f -> f.stream().filter(x -> x.path("type").asText().equals("error")).count() >= 2, WAIT);
      assertThat(ben.frames()).filteredOn(x -> x.path("type").asText().equals("error")).extracting(x -> x.path("status").asInt())
          .containsExactly(400, 404);
    }
  }

  @Test
  void analyticsSummaryAsJsonAndAsCsvForModeratorsOnly() {
    String tag = newTag();
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Counted\",\"tags\":[\"" + tag + "\"],\"targetKey\":\"kb/" + tag + "\"}");
    String hostile = TestTokens.token(TestTokens.SECRET, b -> b.audience("default").subject("mal-" + tag).claim("name", "=HYPERLINK(\"x\")"));
    answer(hostile, q.path("id").asText(), "An answer by someone whose name is a formula");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String url = API + "/analytics/summary?from=" + today + "&to=" + today + "&tag=" + tag;

    JsonNode json = http().get(url).bearer(TestTokens.token("root", "admin")).send().json();
    assertThat(json.path("questions").path("asked").asInt()).isEqualTo(1);
    assertThat(json.path("questions").path("answerRate").asDouble()).isEqualTo(1.0);
    assertThat(json.path("topExperts").get(0).path("tag").asText()).isEqualTo(tag);

    Http.Response csv = http().get(url).bearer(TestTokens.token("carla", "moderator")).header("Accept", "text/csv").send();
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
    assertThat(csv.text()).startsWith("section,tag,target_key,target_title,user_id,user_name,metric,value\r\n")
        .contains("questions," + tag + ",,,,,asked,1\r\n")
        .contains("top_experts," + tag + ",,,mal-" + tag + ",\"'=HYPERLINK(\"\"x\"\")\",answers,1\r\n")
        .contains("targets,,kb/" + tag + ",");
    assertThat(http().get(url + "&format=csv").bearer(TestTokens.token("root", "admin")).send().text()).isEqualTo(csv.text());

    assertProblem(http().get(url).bearer(TestTokens.token("ana")).send(), 403, null);
    assertProblem(http().get(API + "/analytics/summary?from=yesterday").bearer(TestTokens.token("root", "admin")).send(), 400, "from");
    assertProblem(http().get(API + "/analytics/summary?from=2026-02-01&to=2026-01-01").bearer(TestTokens.token("root", "admin")).send(), 400, "to");
    assertProblem(http().get(url + "&format=xml").bearer(TestTokens.token("root", "admin")).send(), 400, "format");
  }
}
