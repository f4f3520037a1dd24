package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Feeds, activities, follows and mutes as a client sees them; runs on every container. */
abstract class FeedApiTests extends ApiContract {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static String user() {
    return "u" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Http.Response get(String user, String path) {
    return http().get(API + path).bearer(TestTokens.token(user)).send();
  }

  private Http.Response publish(String body, String... roles) {
    return http().post(API + "/activities").bearer(TestTokens.token("lms", roles)).json(body).send();
  }

  private static List<String> summaries(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("items").forEach(i -> out.add(i.path("summary").asText()));
    return out;
  }

  @Test
  void homeFeedShowsWhatIFollowInTheActivityShape() {
    String reader = user();
    String author = user();
    String target = newTarget();
    assertThat(http().put(API + "/follows/user/" + author).bearer(TestTokens.token(reader)).send().json().path("kind").asText()).isEqualTo("user");
    http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token(author))
        .json("{\"body\":\"Shipping label is missing\",\"targetTitle\":\"Order 4711\",\"targetUrl\":\"https://erp.example/4711\"}").send();

    JsonNode page = get(reader, "/feed").json();
    JsonNode item = page.path("items").get(0);
    assertThat(item.path("id").asText()).isNotBlank();
    assertThat(item.path("actor").path("id").asText()).isEqualTo(author);
    assertThat(item.path("actor").path("name").asText()).isEqualTo(author);
    assertThat(item.path("verb").asText()).isEqualTo("commented");
    assertThat(item.path("object").path("type").asText()).isEqualTo("comment");
    assertThat(item.path("object").path("name").asText()).isEqualTo("Shipping label is missing");
    assertThat(item.path("object").path("url").asText()).isEqualTo("https://erp.example/4711");
    assertThat(item.path("target").path("id").asText()).isEqualTo(target);
    assertThat(item.path("target").path("name").asText()).isEqualTo("Order 4711");
    assertThat(item.path("published").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(item.path("summary").asText()).isEqualTo(author + " commented on Order 4711");
    assertThat(page.path("next").isNull()).isTrue();
    assertThat(get(reader, "/activities/" + item.path("id").asText()).json().path("verb").asText()).isEqualTo("commented");
  }

  @Test
  void theHomeFeedNeedsASignIn() {
    assertProblem(http().get(API + "/feed").send(), 401, null);
  }

  @Test
  void similarCommentsFoldAndPagesChain() {
    String target = newTarget();
    for (String who : List.of("ana", "ben", "carla", "dev")) {
      post(who, target, "on it, " + who);
    }
    JsonNode folded = get("erik", "/feed/targets/" + target).json();
    assertThat(summaries(folded)).containsExactly("dev and 3 others commented on " + target);
    assertThat(folded.path("items").get(0).path("count").asInt()).isEqualTo(4);
    assertThat(folded.path("following").asBoolean()).isFalse();

    String author = user();
    for (int i = 0; i < 3; i++) {
      post(author, newTarget(), "number " + i);
    }
    JsonNode first = get("erik", "/feed/users/" + author + "?limit=2").json();
    assertThat(first.path("items")).hasSize(2);
    JsonNode second = get("erik", "/feed/users/" + author + "?limit=2&cursor=" + first.path("next").asText()).json();
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("next").isNull()).isTrue();
  }

  @Test
  void followsAndMutesAreManagedAndListed() {
    String me = user();
    String key = "kb/" + UUID.randomUUID().toString().substring(0, 6) + "/vpn";
    assertThat(http().put(API + "/follows/target/" + key).bearer(TestTokens.token(me)).send().status()).isEqualTo(200);
    assertThat(http().put(API + "/follows/topic/VPN").bearer(TestTokens.token(me)).send().json().path("id").asText()).isEqualTo("vpn");

    JsonNode status = get(me, "/follows/target/" + key).json();
    assertThat(status.path("following").asBoolean()).isTrue();
    assertThat(status.path("muted").asBoolean()).isFalse();
    assertThat(get(me, "/follows?kind=topic").json().path("items")).extracting(f -> f.path("id").asText()).containsExactly("vpn");
    assertThat(get(me, "/feed/targets/" + key).json().path("following").asBoolean()).isTrue();

    assertThat(http().put(API + "/mutes/" + key).bearer(TestTokens.token(me)).send().json().path("targetKey").asText()).isEqualTo(key);
    assertThat(get(me, "/mutes").json().path("items").get(0).path("targetKey").asText()).isEqualTo(key);
    assertThat(get(me, "/feed/targets/" + key).json().path("muted").asBoolean()).isTrue();
    post("ana", key, "muted for me");
    assertThat(get(me, "/feed").json().path("items")).isEmpty();

    assertThat(http().delete(API + "/mutes/" + key).bearer(TestTokens.token(me)).send().status()).isEqualTo(204);
    assertThat(get(me, "/feed").json().path("items")).hasSize(1);
    assertThat(http().delete(API + "/follows/target/" + key).bearer(TestTokens.token(me)).send().status()).isEqualTo(204);
    assertThat(get(me, "/follows/target/" + key).json().path("following").asBoolean()).isFalse();
    assertThat(get(me, "/feed").json().path("items")).isEmpty();
  }

  @Test
  void badFollowsAreProblemsNamingTheField() {
    assertProblem(http().put(API + "/follows/planet/mars").bearer(TestTokens.token("ana")).send(), 400, "kind");
    assertProblem(http().put(API + "/follows/user/ana").bearer(TestTokens.token("ana")).send(), 400, "id");
    assertProblem(http().put(API + "/follows/topic/" + "x".repeat(60)).bearer(TestTokens.token("ana")).send(), 400, "id");
    assertProblem(http().put(API + "/follows/topic/java").send(), 401, null);
  }

  @Test
  void hostBackendsPublishActivitiesOnceWithAnIdempotencyKey() {
    String actor = user();
    String body = "{\"verb\":\"completed\",\"object\":{\"id\":\"course:java-101\",\"type\":\"course\",\"name\":\"Java 101\","
        + "\"url\":\"https://lms.example/java-101\"},\"target\":{\"id\":\"course:java-101\",\"name\":\"Java 101\"},"
        + "\"actor\":{\"id\":\"" + actor + "\",\"name\":\"Erik Berg\"},\"tags\":[\"java\"]}";
    String key = UUID.randomUUID().toString();
    Http.Response created = http().post(API + "/activities").bearer(TestTokens.token("lms", "service")).header("Idempotency-Key", key)
        .json(body).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/inflow/api/v1/activities/" + created.json().path("id").asText());
    assertThat(created.json().path("summary").asText()).isEqualTo("Erik Berg completed Java 101 on Java 101");

    Http.Response replay = http().post(API + "/activities").bearer(TestTokens.token("lms", "service")).header("Idempotency-Key", key)
        .json(body).send();
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.json().path("id").asText()).isEqualTo(created.json().path("id").asText());
    assertProblem(http().post(API + "/activities").bearer(TestTokens.token("lms", "service")).header("Idempotency-Key", key)
        .json(body.replace("Java 101", "Java 102")).send(), 409, null);

    assertThat(get("ana", "/feed/users/" + actor).json().path("items")).hasSize(1);
    assertThat(summaries(get("ana", "/feed/topics/java").json())).contains("Erik Berg completed Java 101 on Java 101");
  }

  @Test
  void publishingIsForServicesAndChecksEveryField() {
    String ok = "{\"verb\":\"closed\",\"object\":{\"id\":\"ticket:1\",\"name\":\"Ticket 1\"}}";
    assertProblem(publish(ok), 403, null);
    assertProblem(publish("{\"object\":{\"id\":\"t\",\"name\":\"T\"}}", "service"), 400, "verb");
    assertProblem(publish("{\"verb\":\"Closed it!\",\"object\":{\"id\":\"t\",\"name\":\"T\"}}", "service"), 400, "verb");
    assertProblem(publish("{\"verb\":\"closed\"}", "service"), 400, "object");
    assertProblem(publish("{\"verb\":\"closed\",\"object\":{\"id\":\"t\",\"name\":\"" + "n".repeat(301) + "\"}}", "service"), 400, "object.name");
    assertProblem(publish("{\"verb\":\"closed\",\"object\":{\"id\":\"t\",\"name\":\"T\"},\"tags\":\"java\"}", "service"), 400, "tags");
    assertProblem(publish("{\"verb\":\"closed\",\"object\":{\"id\":\"t\",\"name\":\"T\"},\"actor\":42}", "service"), 400, "actor");
    assertProblem(publish("{\"verb\":\"closed\",\"object\":{\"id\":\"t\",\"name\":\"T\",\"url\":\"file:///etc\"}}", "service"), 400, "object.url");
    assertProblem(publish("{\"verb\":\"closed\",\"object\":{\"id\":\"t\",\"name\":\"" + "n".repeat(70_000) + "\"}}", "service"), 413, null);
    assertThat(publish(ok, "service").status()).isEqualTo(201);
  }

  @Test
  void feedsSpeakActivityStreamsWhenAskedTo() {
    String target = newTarget();
    post("ana", target, "streams");
    Http.Response r = http().get(API + "/feed/targets/" + target).bearer(TestTokens.token("ben"))
        .header("Accept", "application/activity+json").send();

    assertThat(r.header("Content-Type")).startsWith("application/activity+json");
    JsonNode page = r.json();
    assertThat(page.path("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/activitystreams");
    assertThat(page.path("type").asText()).isEqualTo("OrderedCollectionPage");
    JsonNode item = page.path("orderedItems").get(0);
    assertThat(item.path("type").asText()).isEqualTo("Create");
    assertThat(item.path("actor").path("type").asText()).isEqualTo("Person");
    assertThat(item.path("actor").path("name").asText()).isEqualTo("ana");
    assertThat(item.path("object").path("type").asText()).isEqualTo("Note");
    assertThat(item.path("object").path("id").asText()).startsWith(server.baseUrl() + "/inflow/api/v1/comments/");
    assertThat(item.path("target").path("id").asText()).isEqualTo(server.baseUrl() + "/inflow/api/v1/feed/targets/" + target);
    assertThat(item.path("id").asText()).startsWith(server.baseUrl() + "/inflow/api/v1/activities/");
    assertThat(item.path("published").asText()).isNotBlank();
  }

  @Test
  void theHomeFeedAndTopicsUpdateLive() throws Exception {
    String reader = user();
    String followed = user();
    http().put(API + "/follows/user/" + followed).bearer(TestTokens.token(reader)).send();
    try (LiveClient live = LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Authorization", "Bearer " + TestTokens.token(reader)))) {
      live.send("{\"type\":\"subscribe\",\"topics\":[\"feed:home\",\"topic:livetag\"]}");
      live.await(f -> f.stream().anyMatch(x -> x.path("type").asText().equals("subscribed")), WAIT);
      post(user(), newTarget(), "someone I do not follow");
      post(followed, newTarget(), "someone I follow");
      publish("{\"verb\":\"completed\",\"object\":{\"id\":\"course:live\",\"name\":\"Live course\"},\"tags\":[\"livetag\"]}", "service");

      List<JsonNode> events = live.await(f -> live.events().size() >= 2, WAIT).stream()
          .filter(x -> x.path("type").asText().equals("event")).toList();
      assertThat(events).extracting(e -> e.path("topic").asText() + " " + e.path("event").path("activity").path("summary").asText())
          .containsExactly("feed:home " + followed + " commented on " + events.get(0).path("event").path("activity").path("target").path("id").asText(),
              "topic:livetag lms completed Live course");
      assertThat(events.get(0).path("event").path("kind").asText()).isEqualTo("activity.created");
    }
  }

  @Test
  void aCommentOnATargetIFollowReachesMyHomeFeedAtOnceAndLive() throws Exception {
    String reader = user();
    String target = newTarget();
    post(reader, target, "taking part follows the page");
    try (LiveClient live = LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Authorization", "Bearer " + TestTokens.token(reader)))) {
      live.send("{\"type\":\"subscribe\",\"topics\":[\"feed:home\"]}");
      live.await(f -> f.stream().anyMatch(x -> x.path("type").asText().equals("subscribed")), WAIT);
      String other = user();
      post(other, target, "a reply on the page");

      List<JsonNode> events = live.await(f -> live.events().size() >= 1, WAIT).stream()
          .filter(x -> x.path("type").asText().equals("event")).toList();
      assertThat(events).extracting(e -> e.path("topic").asText() + " " + e.path("event").path("activity").path("summary").asText())
          .containsExactly("feed:home " + other + " commented on " + target);
      assertThat(summaries(get(reader, "/feed").json())).containsExactly(other + " and " + reader + " commented on " + target);
    }
  }

  @Test
  void administratorsManageWebhooksAndSeeDeadLetters() {
    String admin = TestTokens.token("root", "admin");
    assertProblem(http().get(API + "/admin/webhooks").bearer(TestTokens.token("ana")).send(), 403, null);
    assertProblem(http().post(API + "/admin/webhooks").bearer(admin)
        .json("{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"comment.created\"]}").send(), 400, "url");
    assertProblem(http().post(API + "/admin/webhooks").bearer(admin)
        .json("{\"url\":\"http://169.254.169.254/latest\",\"events\":[\"*\"]}").send(), 400, "url");

    JsonNode allow = http().put(API + "/admin/webhook-allowlist").bearer(admin).json("{\"entries\":[\"127.0.0.0/8\"]}").send().json();
    assertThat(allow.path("entries").get(0).asText()).isEqualTo("127.0.0.0/8");
    Http.Response created = http().post(API + "/admin/webhooks").bearer(admin)
        .json("{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"comment.created\"],\"description\":\"ops\"}").send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("secret").asText()).startsWith("whsec_");
    String id = created.json().path("id").asText();
    assertThat(http().get(API + "/admin/webhooks/" + id).bearer(admin).send().json().path("secret").isNull()).isTrue();
    assertThat(http().get(API + "/admin/webhooks").bearer(admin).send().json().path("items")).isNotEmpty();
    assertThat(http().delete(API + "/admin/webhooks/" + id).bearer(admin).send().status()).isEqualTo(204);
    assertProblem(http().get(API + "/admin/webhooks/" + id).bearer(admin).send(), 404, null);

    assertThat(http().get(API + "/admin/dead-letters").bearer(admin).send().json().path("items").isArray()).isTrue();
    assertProblem(http().post(API + "/admin/dead-letters/999999/retry").bearer(admin).send(), 404, null);
    assertProblem(http().get(API + "/admin/dead-letters").bearer(TestTokens.token("ana")).send(), 403, null);
  }
}
