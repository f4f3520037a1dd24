package dev.inflow.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The help desk over HTTP: Spring Security's login decides who Inflow sees, and both share one database. */
class HelpDeskTest extends HelpDeskTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void strangersAreSentToTheLoginPageWhileInflowAnswersThemAsAnonymous() throws Exception {
    HttpClient stranger = client();

    HttpResponse<String> tickets = get(stranger, "/");
    HttpResponse<String> me = get(stranger, "/inflow/api/v1/me");

    assertThat(tickets.statusCode()).isEqualTo(302);
    assertThat(tickets.headers().firstValue("Location")).hasValue(baseUrl() + "/login");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(me.body()).path("signedIn").asBoolean()).isFalse();
  }

  @Test
  void whoeverSignsInWithSpringSecurityIsInflowsUserWithNameAndRoles() throws Exception {
    HttpClient carla = signedIn("carla");

    JsonNode me = JSON.readTree(get(carla, "/inflow/api/v1/me").body());

    assertThat(me.path("signedIn").asBoolean()).isTrue();
    assertThat(me.path("user").path("id").asText()).isEqualTo("carla");
    assertThat(me.path("user").path("name").asText()).isEqualTo("Carla Rossi");
    assertThat(me.path("user").path("roles").toString()).contains("moderator").doesNotContain("admin");
  }

  @Test
  void eachTicketPageCarriesItsOwnDiscussion() throws Exception {
    HttpClient ana = signedIn("ana");

    HttpResponse<String> list = get(ana, "/");
    HttpResponse<String> ticket = get(ana, "/tickets/102");

    assertThat(list.body()).contains("VPN drops every 20 minutes", "New laptop for Dev", "Ana Lima");
    assertThat(ticket.body())
        .contains("<script type=\"module\" src=\"/inflow/inflow.js\"></script>")
        .contains("<inflow-comments target=\"ticket:102\" title=\"#102 New laptop for Dev\">");
    assertThat(get(ana, "/tickets/999").statusCode()).isEqualTo(404);
  }

  @Test
  void aCommentOnATicketIsStoredInTheAppsOwnDatabaseUnderTheSignedInUser() throws Exception {
    HttpClient ben = signedIn("ben");
    String csrf = JSON.readTree(get(ben, "/inflow/api/v1/me").body()).path("csrfToken").asText();

    HttpResponse<String> created = ben.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/inflow/api/v1/targets/ticket:103/comments"))
        .header("Content-Type", "application/json")
        .header("X-CSRF-Token", csrf)
        .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"Tray 2 has a bent roller, swapping it.\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).path("author").path("name").asText()).isEqualTo("Ben Okafor");
    // The app's JdbcTemplate, on the app's DataSource, sees Inflow's row beside the app's tickets.
    assertThat(jdbc.queryForObject("SELECT author_id FROM inflow_comment WHERE target_key = 'ticket:103'", String.class)).isEqualTo("ben");
    assertThat(jdbc.queryForObject("SELECT requester FROM ticket WHERE id = 103", String.class)).isEqualTo("ben");
  }

  private HttpClient client() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Signs in through Spring Security's form, as a browser would. */
  private HttpClient signedIn(String user) throws Exception {
    HttpClient client = client();
    Matcher csrf = CSRF_FIELD.matcher(get(client, "/login").body());
    assertThat(csrf.find()).as("the login form's CSRF field").isTrue();
    String form = "username=" + user + "&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("Location")).as("where the login sent " + user).hasValue(baseUrl() + "/");
    return client;
  }

  private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
