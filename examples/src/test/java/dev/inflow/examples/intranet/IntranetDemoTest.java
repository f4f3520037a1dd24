package dev.inflow.examples.intranet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.testing.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IntranetDemoTest {
  private static final String TRAVEL_COMMENTS = "/inflow/api/v1/targets/kb/travel-policy/comments";

  private static IntranetDemo start(String jdbcUrl) throws Exception {
    return IntranetDemo.start(Settings.load(Settings.Source.of(Map.of("INFLOW_PORT", "0", "INFLOW_JDBC_URL", jdbcUrl))));
  }

  @Test
  void aNewVisitorIsAnaAndFindsSeededConversationsOnEveryBusinessPage() throws Exception {
    try (IntranetDemo demo = start(TestDatabase.freshUrl())) {
      Http http = new Http(demo.baseUrl());

      String home = http.get("/").send().text();
      assertThat(home).contains("Welcome, Ana", "<option value=\"ana\" selected>Ana Lima – member</option>");
      for (BusinessPage page : BusinessPage.ALL) {
        assertThat(home).contains("href=\"" + page.path() + "\"");
      }
      assertThat(home).contains("6 comments", "4 comments", "3 comments");

      JsonNode travel = http.get(TRAVEL_COMMENTS).send().json();
      assertThat(travel.get("items")).extracting(c -> c.get("author").get("name").asText())
          .contains("Dev Patel", "Ben Okafor", "Carla Rossi", "Ana Lima");
      JsonNode answer = travel.get("items").get(1);
      assertThat(answer.get("depth").asInt()).as("Ben's answer is a reply").isEqualTo(1);
      assertThat(answer.get("reactions").get("👍").asInt()).isEqualTo(2);
      assertThat(answer.get("myReactions")).extracting(JsonNode::asText).containsExactly("👍");
      assertThat(http.get("/inflow/api/v1/comments/counts?keys=order:4711,course:java-101,kb/vpn-setup").send().json()
          .get("counts").toString()).isEqualTo("{\"order:4711\":3,\"course:java-101\":4,\"kb/vpn-setup\":4}");
    }
  }

  @Test
  void aSecondStartOnTheSameDatabaseDoesNotSeedAgain() throws Exception {
    String url = TestDatabase.freshUrl();
    try (IntranetDemo demo = start(url)) {
      assertThat(new Http(demo.baseUrl()).get("/").send().text()).contains("6 comments");
    }
    try (IntranetDemo demo = start(url)) {
      Http http = new Http(demo.baseUrl());
      http.get("/").send();
      assertThat(http.get(TRAVEL_COMMENTS).send().json().get("items")).hasSize(6);
    }
  }

  @Test
  void anotherPassOfTheSeedAfterAFailureAddsNoDuplicates() throws Exception {
    String url = TestDatabase.freshUrl();
    try (IntranetDemo demo = start(url)) {
      Seed.run(Settings.load(Settings.Source.of(Map.of("INFLOW_JDBC_URL", url))).inflowBuilder(), demo.inflow(), demo.baseUrl());

      Http http = new Http(demo.baseUrl());
      http.get("/").send();
      assertThat(http.get("/inflow/api/v1/comments/counts?keys=kb/travel-policy,order:4711,course:java-101,kb/vpn-setup").send().json()
          .get("counts").toString()).isEqualTo("{\"kb/travel-policy\":6,\"order:4711\":3,\"course:java-101\":4,\"kb/vpn-setup\":4}");
      JsonNode answer = http.get(TRAVEL_COMMENTS).send().json().get("items").get(1);
      assertThat(answer.get("reactions").get("👍").asInt()).isEqualTo(2);
      assertThat(http.get("/inflow/api/v1/questions").send().json().get("items")).as("the sample questions, once each").hasSize(3);
    }
  }

  @Test
  void everyPortalResponseCarriesTheStrictContentSecurityPolicyAndPagesNeedNothingItForbids() throws Exception {
    try (IntranetDemo demo = start(TestDatabase.freshUrl())) {
      Http http = new Http(demo.baseUrl());
      List<String> paths = new ArrayList<>(List.of("/", "/no-such-page", "/static/portal.css"));
      BusinessPage.ALL.forEach(page -> paths.add(page.path()));
      for (String path : paths) {
        Http.Response response = http.get(path).send();
        assertThat(response.header("Content-Security-Policy")).as(path).isEqualTo("default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        if (!path.endsWith(".css")) {
          String html = response.text();
          assertThat(html).as(path + " has no inline style").doesNotContain("style=", "<style");
          assertThat(html.split("<script", -1)).as(path + " has the widget's module script only").hasSize(2);
          assertThat(html).contains("<script type=\"module\" src=\"/inflow/inflow.js\"></script>");
        }
      }
      assertThat(http.get("/no-such-page").send().status()).isEqualTo(404);
      assertThat(http.get("/static/portal.css").send().header("Content-Type")).startsWith("text/css");
    }
  }

  @Test
  void eachBusinessPageEmbedsTheCommentsOfItsOwnTarget() throws Exception {
    try (IntranetDemo demo = start(TestDatabase.freshUrl())) {
      Http http = new Http(demo.baseUrl());
      assertThat(http.get("/policies/travel").send().text())
          .contains("<inflow-comments target=\"kb/travel-policy\" title=\"Travel policy\"></inflow-comments>");
      assertThat(http.get("/orders/4711").send().text())
          .contains("<inflow-comments target=\"order:4711\" title=\"Order 4711 – Brightwater Clinics\"></inflow-comments>");
      assertThat(http.get("/courses/java-101").send().text())
          .contains("<inflow-comments target=\"course:java-101\" title=\"Java 101: modern Java for developers\"></inflow-comments>");
    }
  }

  @Test
  void theUserSwitcherSignsInAnotherDemoUserAndReturnsToThePage() throws Exception {
    try (IntranetDemo demo = start(TestDatabase.freshUrl())) {
      Http http = new Http(demo.baseUrl());
      http.get("/policies/travel").send();

      Http.Response switched = switchUser(http, "ben", "/policies/travel").sameOrigin().send();

      assertThat(switched.status()).isEqualTo(303);
      assertThat(switched.header("Location")).isEqualTo("/policies/travel");
      JsonNode me = http.get("/inflow/api/v1/me").send().json();
      assertThat(me.get("user").get("id").asText()).isEqualTo("ben");
      assertThat(me.get("user").get("roles")).extracting(JsonNode::asText).contains("expert");
      assertThat(http.get("/policies/travel").send().text()).contains("<option value=\"ben\" selected>Ben Okafor – expert in travel, vpn</option>");
    }
  }

  @Test
  void theUserSwitcherRefusesFormsPostedFromOtherSites() throws Exception {
    try (IntranetDemo demo = start(TestDatabase.freshUrl())) {
      Http http = new Http(demo.baseUrl());
      http.get("/").send();

      assertThat(switchUser(http, "erin", "/").header("Origin", "https://evil.example").send().status()).isEqualTo(403);
      assertThat(switchUser(http, "erin", "/").header("Sec-Fetch-Site", "cross-site").header("Origin", demo.baseUrl()).send().status())
          .isEqualTo(403);
      assertThat(switchUser(http, "erin", "/").send().status()).as("neither Origin nor Sec-Fetch-Site").isEqualTo(403);
      assertThat(http.get("/inflow/api/v1/me").send().json().get("user").get("id").asText()).isEqualTo("ana");
    }
  }

  @Test
  void theUserSwitcherAcceptsOnlyDemoUsersAndReturnsOnlyToPortalPages() throws Exception {
    try (IntranetDemo demo = start(TestDatabase.freshUrl())) {
      Http http = new Http(demo.baseUrl());

      assertThat(switchUser(http, "mallory", "/").sameOrigin().send().status()).isEqualTo(400);
      Http.Response offsite = switchUser(http, "carla", "https://evil.example/").sameOrigin().send();
      assertThat(offsite.status()).isEqualTo(303);
      assertThat(offsite.header("Location")).isEqualTo("/");
      assertThat(switchUser(http, "carla", "//evil.example/").header("Sec-Fetch-Site", "same-origin").send().header("Location"))
          .isEqualTo("/");
    }
  }

  @Test
  void badSettingsStopTheDemoWithOneLineSayingWhatToFix() throws Exception {
    Run run = runMain(Map.of("INFLOW_PORT", "abc"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).containsExactly("demo: INFLOW_PORT must be a number from 0 to 65535 (got 'abc')");
  }

  @Test
  void aTakenPortStopsTheDemoWithOneLineSayingWhatToFix() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Run run = runMain(Map.of("INFLOW_PORT", String.valueOf(taken.getLocalPort()), "INFLOW_JDBC_URL", TestDatabase.freshUrl()));

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.stderrLines()).hasSize(1);
      assertThat(run.stderrLines().get(0)).startsWith("demo: the port is in use").contains("INFLOW_PORT=");
    }
  }

  private static Http.Request switchUser(Http http, String user, String returnTo) {
    return http.post("/switch-user").body("application/x-www-form-urlencoded",
        ("user=" + user + "&return=" + java.net.URLEncoder.encode(returnTo, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, List<String> stderrLines) {}

  /** Runs the demo's main in its own JVM, as scripts/demo.sh does, with only the given settings. */
  private static Run runMain(Map<String, String> settings) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), IntranetDemo.class.getName());
    pb.environment().keySet().removeIf(name -> name.startsWith("INFLOW_"));
    pb.environment().putAll(settings);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = pb.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not stop within 60 s; stderr: " + stderr);
    }
    return new Run(process.exitValue(), stderr.lines().filter(l -> !l.isBlank()).toList());
  }
}
