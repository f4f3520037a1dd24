package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Bad input, bad credentials and cross-site attempts: always a clear 4xx, never a change. */
abstract class RequestSafetyTests extends ApiContract {

  private Http.Response create(String target, String json) {
    return http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana")).json(json).send();
  }

  @Test
  void malformedBodiesAreRefusedNamingWhatIsWrong() {
    String target = newTarget();
    assertProblem(create(target, "{\"body\": \"unterminated"), 400, "body");
    assertProblem(create(target, "{\"body\" \"missing colon\"}"), 400, "$");
    assertProblem(create(target, "[1,2,3]"), 400, "$");
    assertProblem(create(target, "null"), 400, "$");
    assertProblem(create(target, ""), 400, "$");
    assertProblem(create(target, "{\"body\": 42}"), 400, "body");
    assertProblem(create(target, "{\"body\": {\"nested\": true}}"), 400, "body");
    assertProblem(create(target, "{\"body\": \"x\", \"parentId\": 12}"), 400, "parentId");
    assertProblem(create(target, "{\"body\": \"x\", \"body\": \"y\"}"), 400, "$");
    assertProblem(create(target, "{}"), 400, "body");
    assertProblem(create(target, "{\"body\": \"   \"}"), 400, "body");
    assertProblem(create(target, "{\"body\": \"" + "x".repeat(10_001) + "\"}"), 400, "body");
    assertProblem(create(target, "{\"a\":".repeat(100) + "1" + "}".repeat(100)), 400, "$");
    assertProblem(create(target, "{\"body\": \"x\", \"parentId\": \"99999999\"}"), 400, "parentId");
    assertProblem(create("bad%20key", "{\"body\": \"x\"}"), 400, "targetKey");
    assertThat(http().get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana")).send().json().path("items")).isEmpty();
  }

  @Test
  void invalidUtf8AndWrongContentTypesAreRefused() {
    String target = newTarget();
    Http.Response badUtf8 = http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana"))
        .body("application/json", new byte[] {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}).send();
    assertProblem(badUtf8, 400, "body");
    Http.Response form = http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ana"))
        .body("application/x-www-form-urlencoded", "body=hi".getBytes(StandardCharsets.UTF_8)).send();
    assertProblem(form, 415, null);
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() {
    byte[] huge = ("{\"body\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    Http.Response r = http().post(API + "/targets/" + newTarget() + "/comments").bearer(TestTokens.token("ana"))
        .body("application/json", huge).send();
    assertProblem(r, 413, "$");
  }

  @Test
  void badQueryParametersNameTheParameter() {
    String target = newTarget();
    assertProblem(http().get(API + "/targets/" + target + "/comments?limit=abc").bearer(TestTokens.token("ana")).send(), 400, "limit");
    assertProblem(http().get(API + "/targets/" + target + "/comments?limit=1000").bearer(TestTokens.token("ana")).send(), 400, "limit");
    assertProblem(http().get(API + "/targets/" + target + "/comments?sort=random").bearer(TestTokens.token("ana")).send(), 400, "sort");
    assertProblem(http().get(API + "/targets/" + target + "/comments?cursor=garbage").bearer(TestTokens.token("ana")).send(), 400, "cursor");
  }

  @Test
  void unknownThingsAreNotFoundAndWrongMethodsSaySo() {
    assertProblem(http().get(API + "/comments/987654321").bearer(TestTokens.token("ana")).send(), 404, null);
    assertProblem(http().get(API + "/comments/abc").bearer(TestTokens.token("ana")).send(), 404, null);
    assertProblem(http().get(API + "/nothing-here").bearer(TestTokens.token("ana")).send(), 404, null);
    Http.Response r = http().request("PUT", API + "/comments/1").bearer(TestTokens.token("ana")).send();
    assertProblem(r, 405, null);
    assertThat(r.header("Allow")).contains("GET", "PATCH", "DELETE");
  }

  @Test
  void anIfMatchThatNamesNoVersionFailsThePrecondition() {
    JsonNode c = post("ana", newTarget(), "x");
    Http.Response r = http().patch(API + "/comments/" + c.path("id").asText()).bearer(TestTokens.token("ana"))
        .header("If-Match", "\"not-a-version\"").json("{\"body\":\"y\"}").send();
    assertProblem(r, 412, null);
  }

  @Test
  void badTokensAreRefusedWithReasons() {
    String path = API + "/targets/" + newTarget() + "/comments";
    Instant now = Instant.now();
    String expired = TestTokens.token(TestTokens.SECRET, b -> b.audience("default").subject("ana")
        .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.minusSeconds(300))));
    String tooLong = TestTokens.token(TestTokens.SECRET, b -> b.audience("default").subject("ana")
        .expirationTime(Date.from(now.plusSeconds(3600))));
    String wrongAudience = TestTokens.token(TestTokens.SECRET, b -> b.audience("acme").subject("ana"));
    String wrongKey = TestTokens.token("another-secret-long-enough-for-hs256-xxxxxxxxxxxx", b -> b.audience("default").subject("ana"));
    String unknownTenant = TestTokens.token(TestTokens.SECRET, b -> b.audience("nobody").subject("ana"));
    String noSubject = TestTokens.token(TestTokens.SECRET, b -> b.audience("default"));
    String none = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().audience("default").subject("ana")
        .issueTime(new Date()).expirationTime(Date.from(now.plusSeconds(60))).build()).serialize();
    String[] parts = TestTokens.token("ana").split("\\.");
    String algSwapped = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(new JWSHeader(JWSAlgorithm.HS512).toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];

    for (String token : new String[] {expired, tooLong, wrongAudience, wrongKey, unknownTenant, noSubject, none, algSwapped, "garbage"}) {
      Http.Response r = http().get(path).bearer(token).send();
      assertProblem(r, 401, null);
      assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
    }
    assertProblem(http().get(path).header("Authorization", "Basic YW5hOnB3").send(), 401, null);
    assertProblem(http().post(path).json("{\"body\":\"anonymous\"}").send(), 401, null);
  }

  @Test
  void tenantsAreIsolatedEvenWhenIdsAreGuessed() {
    String target = newTarget();
    JsonNode c = post("ana", target, "default tenant only");
    String acme = TestTokens.acmeToken("mallory");

    assertProblem(http().get(API + "/comments/" + c.path("id").asText()).bearer(acme).send(), 404, null);
    assertProblem(http().delete(API + "/comments/" + c.path("id").asText()).bearer(acme).send(), 404, null);
    assertProblem(http().put(API + "/comments/" + c.path("id").asText() + "/reactions/eyes").bearer(acme).send(), 404, null);
    assertThat(http().get(API + "/targets/" + target + "/comments").bearer(acme).send().json().path("items")).isEmpty();
  }

  @Test
  void corsAllowsOnlyTheConfiguredOriginsAndNeverCookies() {
    String path = API + "/targets/" + newTarget() + "/comments";
    Http.Response allowed = http().request("OPTIONS", path).header("Origin", "https://portal.example.com")
        .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization,content-type").send();
    assertThat(allowed.status()).isEqualTo(204);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://portal.example.com");
    assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST", "GET");
    assertThat(allowed.header("Access-Control-Allow-Headers")).contains("Authorization", "Idempotency-Key");
    assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();

    Http.Response refused = http().request("OPTIONS", path).header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST").send();
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

    Http.Response actual = http().get(path).bearer(TestTokens.token("ana")).header("Origin", "https://portal.example.com").send();
    assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://portal.example.com");
    assertThat(http().get(path).bearer(TestTokens.token("ana")).header("Origin", "https://evil.example").send()
        .header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void cookieLoginsMayWriteFromTheirOwnSiteOnly() {
    String target = newTarget();
    String path = API + "/targets/" + target + "/comments";
    Http browser = http().login("ana");

    assertThat(browser.get(path).send().status()).as("reads need no proof").isEqualTo(200);
    assertProblem(browser.post(path).header("Origin", "https://evil.example").json("{\"body\":\"forged\"}").send(), 403, null);
    assertProblem(browser.post(path).header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
        .json("{\"body\":\"forged\"}").send(), 403, null);
    assertProblem(browser.post(path).json("{\"body\":\"no origin, no token\"}").send(), 403, null);
    assertThat(browser.post(path).sameOrigin().json("{\"body\":\"from the host page\"}").send().status()).isEqualTo(201);

    String csrf = browser.get(API + "/me").send().json().path("csrfToken").asText();
    assertThat(browser.post(path).header("X-CSRF-Token", csrf).json("{\"body\":\"with token\"}").send().status()).isEqualTo(201);
    assertProblem(browser.post(path).header("X-CSRF-Token", "forged").json("{\"body\":\"bad token\"}").send(), 403, null);
    assertThat(browser.get(path).send().json().path("items")).hasSize(2);
  }

  @Test
  void meSaysWhoIsSignedIn() {
    JsonNode anonymous = http().get(API + "/me").send().json();
    assertThat(anonymous.path("signedIn").asBoolean()).isFalse();
    assertThat(anonymous.path("user").isNull()).isTrue();
    JsonNode carla = http().get(API + "/me").bearer(TestTokens.token("carla", "moderator")).send().json();
    assertThat(carla.path("user").path("id").asText()).isEqualTo("carla");
    assertThat(carla.path("user").path("roles")).extracting(JsonNode::asText).contains("member", "moderator");
    assertThat(carla.path("reactions")).hasSize(8);
  }
}
