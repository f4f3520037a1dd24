package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Health, metrics and the widget files. */
abstract class PlatformApiTests extends ApiContract {

  @Test
  void healthSaysUpWhileTheDatabaseAnswers() {
    Http.Response r = http().get("/inflow/health").send();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("up");
  }

  @Test
  void metricsAreInPrometheusFormat() {
    post("ana", newTarget(), "counted");
    Http.Response r = http().get("/inflow/metrics").send();
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.text()).contains("# TYPE inflow_http_requests_total counter", "inflow_comments_created_total ");
  }

  @Test
  void theWidgetLoadsFromAVersionedUrlCachedForAYear() {
    Http.Response entry = http().get("/inflow/inflow.js").send();
    assertThat(entry.status()).isEqualTo(200);
    assertThat(entry.header("Content-Type")).startsWith("text/javascript");
    assertThat(entry.header("Access-Control-Allow-Origin")).isEqualTo("*");
    String versioned = entry.text().replaceAll("(?s)^.*?'\\./(v/[0-9a-f]+/[a-z0-9-]+\\.js)'.*", "$1");
    Http.Response module = http().get("/inflow/" + versioned).send();
    assertThat(module.status()).isEqualTo(200);
    assertThat(module.header("Cache-Control")).contains("max-age=31536000", "immutable");
    String etag = module.header("ETag");
    assertThat(http().get("/inflow/" + versioned).header("If-None-Match", etag).send().status()).isEqualTo(304);
    assertThat(http().get("/inflow/v/0000000000000000/inflow.js").send().status()).isEqualTo(404);
  }

  @Test
  void aFloodOfRequestsFromOneUserGetsRetryAfter() throws Exception {
    var limited = dev.inflow.core.testing.TestDatabase.inflow()
        .limits(dev.inflow.core.Limits.builder().userWritesPerMinute(3).build()).build();
    try (var server = dev.inflow.servlet.testing.TestServer.start(container(),
        dev.inflow.servlet.InflowServlet.builder(limited).tenantKeys(TestTokens.keys()).build())) {
      Http http = new Http(server.baseUrl());
      String path = API + "/targets/" + newTarget() + "/comments";
      for (int i = 0; i < 3; i++) {
        assertThat(http.post(path).bearer(TestTokens.token("ana")).json("{\"body\":\"" + i + "\"}").send().status()).isEqualTo(201);
      }
      Http.Response limitedReply = http.post(path).bearer(TestTokens.token("ana")).json("{\"body\":\"flood\"}").send();
      assertProblem(limitedReply, 429, null);
      assertThat(Integer.parseInt(limitedReply.header("Retry-After"))).isBetween(1, 60);
      assertThat(http.get(path).bearer(TestTokens.token("ana")).send().json().path("items")).hasSize(3);
    } finally {
      limited.close();
    }
  }
}
