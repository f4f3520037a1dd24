package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestTokens;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A page on another site riding on the user's session cookie: every cookie-authenticated write
 * from it is refused with 403 and changes nothing, and its WebSocket handshake is refused, while
 * the host's own pages (same origin, or the CSRF token from {@code /me}) still work.
 */
class CrossSiteTest extends SecurityContract {

  static Stream<Arguments> crossSiteHeaders() {
    return Stream.of(
        Arguments.of("a foreign Origin", Map.of("Origin", "https://evil.example")),
        Arguments.of("Origin null (sandboxed frame)", Map.of("Origin", "null")),
        Arguments.of("a look-alike Origin", Map.of("Origin", "http://localhost.evil.example")),
        Arguments.of("Sec-Fetch-Site cross-site", Map.of("Sec-Fetch-Site", "cross-site")),
        Arguments.of("Sec-Fetch-Site same-site (a sibling subdomain)", Map.of("Sec-Fetch-Site", "same-site")),
        Arguments.of("no Origin and no CSRF token", Map.of()),
        Arguments.of("a wrong CSRF token", Map.of("X-CSRF-Token", "0123456789abcdef")),
        Arguments.of("an allowed CORS origin (tokens only, never cookies)", Map.of("Origin", PORTAL)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crossSiteHeaders")
  void cookieAuthenticatedWritesAreRefused(String what, Map<String, String> headers) {
    Http browser = http().login("ana");
    String target = unique("kb/");
    JsonNode mine = ok(http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana")).json("{\"body\":\"keep\"}"));
    String id = mine.path("id").asText();
    Http.Request[] writes = {
        browser.post(API + "/targets/" + target + "/comments").json("{\"body\":\"forged\"}"),
        browser.delete(API + "/comments/" + id),
        browser.patch(API + "/comments/" + id).header("If-Match", "\"" + mine.path("version").asText() + "\"").json("{\"body\":\"forged\"}"),
        browser.put(API + "/comments/" + id + "/reactions/eyes"),
        browser.post(API + "/questions").json("{\"title\":\"forged\",\"tags\":[\"x\"]}"),
        browser.put(API + "/follows/user/mallory"),
        browser.post(API + "/notifications/read").json("{\"all\":true}"),
        browser.post(API + "/live/tickets"),
    };
    for (Http.Request write : writes) {
      headers.forEach(write::header);
      assertProblem(write.send(), 403);
    }
    JsonNode after = ok(http().get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana")));
    assertThat(after.path("items")).hasSize(1);
    assertThat(after.path("items").get(0).path("body").asText()).isEqualTo("keep");
    assertThat(after.path("items").get(0).path("reactions").size()).isZero();
    assertThat(ok(http().get(API + "/follows/user/mallory").bearer(TestTokens.token("ana"))).path("following").asBoolean()).isFalse();
  }

  @Test
  void theHostsOwnPageStillWritesWithItsSessionAndTheCsrfToken() {
    Http browser = http().login("ana");
    String target = unique("kb/");
    assertThat(browser.post(API + "/targets/" + target + "/comments").sameOrigin().json("{\"body\":\"same origin\"}").send().status())
        .isEqualTo(201);
    String csrf = ok(browser.get(API + "/me")).path("csrfToken").asText();
    assertThat(browser.post(API + "/targets/" + target + "/comments").header("X-CSRF-Token", csrf).json("{\"body\":\"with token\"}")
        .send().status()).isEqualTo(201);
    assertThat(http().login("ben").post(API + "/targets/" + target + "/comments").header("X-CSRF-Token", csrf)
        .json("{\"body\":\"someone else's token\"}").send().status()).as("a CSRF token is bound to its session").isEqualTo(403);
  }

  @Test
  void aCrossSiteWebSocketHandshakeIsRefusedEvenWithTheSessionCookie() {
    String cookie = http().get("/login?user=ana").send().header("Set-Cookie").split(";")[0];
    for (String origin : new String[] {"https://evil.example", "null", "http://localhost.evil.example"}) {
      assertThatThrownBy(() -> LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Cookie", cookie, "Origin", origin)).close())
          .as(origin).hasStackTraceContaining("403");
    }
    try (LiveClient own = LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Cookie", cookie, "Origin", server.baseUrl()))) {
      assertThat(own.isClosed()).isFalse();
    }
  }
}
