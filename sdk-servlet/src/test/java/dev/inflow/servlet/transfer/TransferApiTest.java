package dev.inflow.servlet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's admins import Disqus and WordPress files and move the tenant as JSON, over the API. */
class TransferApiTest {
  private static final String ADMIN = TestTokens.token("erin", "admin");
  private Inflow inflow;
  private TestServer server;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    inflow = TestDatabase.inflow().runBackgroundJobs(false).build();
    server = TestServer.start(Container.TOMCAT, InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).build());
    http = new Http(server.baseUrl());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    inflow.close();
  }

  private static byte[] sample(String name) throws Exception {
    try (InputStream in = TransferApiTest.class.getResourceAsStream("/dev/inflow/core/transfer/" + name)) {
      return in.readAllBytes();
    }
  }

  private static String map(String rule) {
    return "map=" + URLEncoder.encode(rule, StandardCharsets.UTF_8);
  }

  @Test
  void anAdminImportsADisqusExportTwiceAndGetsItOnce() throws Exception {
    String path = "/inflow/api/v1/admin/import/disqus?" + map("https://blog.acme.example/posts/=blog/{slug}");
    Http.Response first = http.post(path).bearer(ADMIN).body("application/xml", sample("disqus-export.xml")).send();
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.json().path("imported").asInt()).isEqualTo(5);
    assertThat(first.json().path("unmappedUrls").get(0).asText()).isEqualTo("https://www.acme.example/about");

    Http.Response again = http.post(path).bearer(ADMIN).body("application/xml", sample("disqus-export.xml")).send();
    assertThat(again.json().path("imported").asInt()).isZero();
    assertThat(again.json().path("alreadyImported").asInt()).isEqualTo(5);
    JsonNode thread = http.get("/inflow/api/v1/targets/blog/vpn-setup/comments").bearer(TestTokens.token("ana")).send().json();
    assertThat(thread.path("items")).hasSize(3);
    assertThat(thread.path("items").get(2).path("author").path("name").asText()).isEqualTo("Carla Rossi");
  }

  @Test
  void aWordPressFileComesInThroughItsOwnRoute() throws Exception {
    Http.Response r = http.post("/inflow/api/v1/admin/import/wordpress?" + map("https://handbook.acme.example/=handbook/{path}"))
        .bearer(ADMIN).body("text/xml", sample("wordpress-export.xml")).send();
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().path("targets").toString()).contains("\"handbook/policies/travel\"");
    assertThat(r.json().path("skipped").path("pingback").asInt()).isEqualTo(1);
  }

  @Test
  void badImportsAreAnsweredWithProblemsNamingTheField() throws Exception {
    String disqus = "/inflow/api/v1/admin/import/disqus";
    assertProblem(http.post(disqus).bearer(ADMIN).body("application/xml", sample("disqus-export.xml")).send(), 400, "map");
    assertProblem(http.post(disqus + "?" + map("blog/{path}")).bearer(ADMIN).body("application/xml", sample("disqus-export.xml")).send(), 400, "map");
    assertProblem(http.post(disqus + "?" + map("https://blog.acme.example/=blog/{path}")).bearer(ADMIN)
        .body("application/xml", "<disqus><post".getBytes(StandardCharsets.UTF_8)).send(), 400, "file");
    assertThat(http.post(disqus + "?" + map("https://blog.acme.example/=blog/{path}")).bearer(ADMIN)
        .body("application/json", "{}".getBytes(StandardCharsets.UTF_8)).send().status()).isEqualTo(415);
    assertThat(http.post(disqus + "?" + map("https://blog.acme.example/=blog/{path}")).bearer(TestTokens.token("ana"))
        .body("application/xml", sample("disqus-export.xml")).send().status()).as("members may not import").isEqualTo(403);
    assertProblem(http.post("/inflow/api/v1/admin/import").bearer(ADMIN).json("{\"format\":\"csv\",\"parts\":{}}").send(), 400, "format");
  }

  @Test
  void anAdminExportsTheTenantAndImportsItIntoAnother() throws Exception {
    http.post("/inflow/api/v1/targets/kb/vpn/comments").bearer(TestTokens.token("ana")).json("{\"body\":\"keep me\"}").send();
    Http.Response export = http.get("/inflow/api/v1/admin/export").bearer(ADMIN).send();
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Disposition")).contains("attachment", "inflow-default-");
    assertThat(export.json().path("format").asText()).isEqualTo("inflow-tenant-export");

    String acmeAdmin = TestTokens.token(TestTokens.OTHER_TENANT_SECRET, b -> b.audience("acme").subject("al").claim("roles", java.util.List.of("admin")));
    Http.Response imported = http.post("/inflow/api/v1/admin/import").bearer(acmeAdmin).body("application/json", export.raw().body()).send();
    assertThat(imported.status()).as(imported.text()).isEqualTo(200);
    assertThat(imported.json().path("rows").path("inflow_comment").asInt()).isEqualTo(1);
    assertThat(http.get("/inflow/api/v1/targets/kb/vpn/comments").bearer(TestTokens.acmeToken("bo")).send().json()
        .path("items").get(0).path("body").asText()).isEqualTo("keep me");
    assertProblem(http.post("/inflow/api/v1/admin/import").bearer(acmeAdmin).body("application/json", export.raw().body()).send(), 409, null);
  }

  private static void assertProblem(Http.Response r, int status, String field) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    if (field != null) {
      assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }
  }
}
