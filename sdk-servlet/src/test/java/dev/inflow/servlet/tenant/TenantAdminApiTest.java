package dev.inflow.servlet.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.TenantKeys;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenants over HTTP: operators create them, tenant admins rotate their secrets and name their sites. */
class TenantAdminApiTest {
  private static final String OPERATOR = "operator-secret-that-is-long-enough-0123456789";
  private final MutableClock clock = new MutableClock(Instant.now());
  private Inflow inflow;
  private TestServer server;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false).build();
    server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).operatorSecret(OPERATOR)
        .tenantKeys(TenantKeys.stored(inflow).and(TestTokens.keys()))
        .allowedOrigins(List.of("https://shared.example.com")).build());
    http = new Http(server.baseUrl());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    inflow.close();
  }

  private String token(String secret, String tenant, String user, String... roles) {
    return TestTokens.token(secret, b -> b.audience(tenant).subject(user).claim("name", user).claim("roles", List.of(roles))
        .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(4)))));
  }

  private JsonNode createAcme() {
    Http.Response created = http.post("/inflow/api/v1/operator/tenants").bearer(OPERATOR)
        .json("{\"id\":\"acme\",\"name\":\"Acme\",\"origins\":[\"https://portal.acme.example\"]}").send();
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json();
  }

  @Test
  void anOperatorCreatesATenantWhoseTokensWorkFromItsOwnSite() {
    JsonNode created = createAcme();
    String secret = created.path("secret").path("secret").asText();
    assertThat(created.path("tenant").path("allowedOrigins").get(0).asText()).isEqualTo("https://portal.acme.example");
    assertThat(created.path("tenant").path("secrets").get(0).has("secret")).isFalse();

    String ana = token(secret, "acme", "ana");
    Http.Response posted = http.post("/inflow/api/v1/targets/kb/vpn/comments").bearer(ana).header("Origin", "https://portal.acme.example")
        .json("{\"body\":\"from the acme portal\"}").send();
    assertThat(posted.status()).as(posted.text()).isEqualTo(201);
    assertThat(posted.header("Access-Control-Allow-Origin")).isEqualTo("https://portal.acme.example");

    Http.Response preflight = http.request("OPTIONS", "/inflow/api/v1/targets/kb/vpn/comments").header("Origin", "https://portal.acme.example")
        .header("Access-Control-Request-Method", "POST").send();
    assertThat(preflight.status()).isEqualTo(204);
    Http.Response foreign = http.post("/inflow/api/v1/targets/kb/vpn/comments").bearer(TestTokens.token("ana"))
        .header("Origin", "https://portal.acme.example").json("{\"body\":\"default tenant from acme's site\"}").send();
    assertThat(foreign.status()).as("another tenant's site may not use default's tokens").isEqualTo(403);
    assertThat(foreign.json().path("detail").asText()).contains("tenant 'default'");
    assertThat(http.get("/inflow/api/v1/operator/tenants").bearer(OPERATOR).send().json().path("items"))
        .extracting(n -> n.path("id").asText()).containsExactly("acme", "default");
  }

  @Test
  void theOperatorApiNeedsTheOperatorSecret() {
    assertThat(http.get("/inflow/api/v1/operator/tenants").send().status()).isEqualTo(401);
    assertThat(http.get("/inflow/api/v1/operator/tenants").bearer(OPERATOR + "x").send().status()).isEqualTo(401);
    assertThat(http.get("/inflow/api/v1/operator/tenants").bearer(TestTokens.token("erin", "admin")).send().status()).isEqualTo(401);
    Http.Response bad = http.post("/inflow/api/v1/operator/tenants").bearer(OPERATOR).json("{\"id\":\"Acme Corp\"}").send();
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("tenant");
    createAcme();
    assertThat(http.post("/inflow/api/v1/operator/tenants").bearer(OPERATOR).json("{\"id\":\"acme\"}").send().status()).isEqualTo(409);
  }

  @Test
  void withoutAnOperatorSecretTheOperatorApiIsOff() throws Exception {
    try (TestServer plain = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).build())) {
      Http.Response off = new Http(plain.baseUrl()).get("/inflow/api/v1/operator/tenants").bearer(OPERATOR).send();
      assertThat(off.status()).isEqualTo(403);
      assertThat(off.json().path("detail").asText()).contains("INFLOW_OPERATOR_SECRET");
    }
  }

  @Test
  void aTenantAdminRotatesTheSecretAndTheOldOneStopsAfterTheOverlap() {
    String first = createAcme().path("secret").path("secret").asText();
    String admin = token(first, "acme", "erin", "admin");

    Http.Response rotated = http.post("/inflow/api/v1/admin/tenant/secrets").bearer(admin).json("{\"overlap\":\"2h\"}").send();
    assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
    String second = rotated.json().path("secret").asText();
    assertThat(second).isNotEqualTo(first);

    assertThat(http.get("/inflow/api/v1/me").bearer(token(first, "acme", "ana")).send().status()).isEqualTo(200);
    assertThat(http.get("/inflow/api/v1/me").bearer(token(second, "acme", "ana")).send().status()).isEqualTo(200);
    clock.advance(Duration.ofHours(2).plusSeconds(1));
    assertThat(http.get("/inflow/api/v1/me").bearer(token(first, "acme", "ana")).send().status()).as("old secret after the overlap").isEqualTo(401);
    assertThat(http.get("/inflow/api/v1/me").bearer(token(second, "acme", "ana")).send().status()).isEqualTo(200);

    JsonNode own = http.get("/inflow/api/v1/admin/tenant").bearer(token(second, "acme", "erin", "admin")).send().json();
    assertThat(own.path("id").asText()).isEqualTo("acme");
    assertThat(own.path("secrets")).hasSize(1);
    assertThat(own.toString()).doesNotContain(first).doesNotContain(second);
  }

  @Test
  void tenantAdminsSetTheirOwnOriginsAndNobodyElseMay() {
    String secret = createAcme().path("secret").path("secret").asText();
    String admin = token(secret, "acme", "erin", "admin");

    Http.Response set = http.put("/inflow/api/v1/admin/tenant/origins").bearer(admin).json("{\"origins\":[\"https://new.acme.example\"]}").send();
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().path("allowedOrigins").get(0).asText()).isEqualTo("https://new.acme.example");
    assertThat(http.post("/inflow/api/v1/targets/x/comments").bearer(token(secret, "acme", "ana")).header("Origin", "https://portal.acme.example")
        .json("{\"body\":\"old site\"}").send().status()).isEqualTo(403);
    assertThat(http.post("/inflow/api/v1/targets/x/comments").bearer(token(secret, "acme", "ana")).header("Origin", "https://shared.example.com")
        .json("{\"body\":\"a site every tenant may use\"}").send().status()).isEqualTo(201);

    Http.Response bad = http.put("/inflow/api/v1/admin/tenant/origins").bearer(admin).json("{\"origins\":[\"portal.acme.example\"]}").send();
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("origins[0]");
    Http.Response missing = http.put("/inflow/api/v1/admin/tenant/origins").bearer(admin).json("{}").send();
    assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("origins");
    Http.Response badOverlap = http.post("/inflow/api/v1/admin/tenant/secrets").bearer(admin).json("{\"overlap\":\"forever\"}").send();
    assertThat(badOverlap.status()).isEqualTo(400);
    assertThat(badOverlap.json().path("errors").get(0).path("field").asText()).isEqualTo("overlap");

    assertThat(http.put("/inflow/api/v1/admin/tenant/origins").bearer(token(secret, "acme", "ana")).json("{\"origins\":[]}").send().status())
        .as("a member").isEqualTo(403);
    assertThat(http.get("/inflow/api/v1/admin/tenant").send().status()).as("anonymous").isEqualTo(401);
    assertThat(http.get("/inflow/api/v1/admin/tenant").bearer(TestTokens.token("erin", "admin")).send().json().path("id").asText())
        .as("an admin of another tenant sees only their own").isEqualTo("default");
  }
}
