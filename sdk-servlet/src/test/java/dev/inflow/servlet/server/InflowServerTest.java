package dev.inflow.servlet.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InflowServerTest {
  @Test
  void theStandaloneServerServesTheApiWithTokensFromItsSettings() throws Exception {
    Settings settings = Settings.load(Settings.Source.of(Map.of(
        "INFLOW_PORT", "0",
        "INFLOW_JDBC_URL", TestDatabase.freshUrl(),
        "INFLOW_TOKEN_SECRET", TestTokens.SECRET,
        "INFLOW_ALLOWED_ORIGINS", "https://portal.example.com")));
    try (InflowServer server = InflowServer.start(settings)) {
      Http http = new Http("http://localhost:" + server.port());

      assertThat(http.get("/inflow/health").send().status()).isEqualTo(200);
      assertThat(http.get("/").send().text()).contains("Inflow is running", "/inflow/inflow.js");
      Http.Response created = http.post("/inflow/api/v1/targets/kb/vpn/comments").bearer(TestTokens.token("ana"))
          .header("Origin", "https://portal.example.com").json("{\"body\":\"hello from another site\"}").send();
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo("https://portal.example.com");
      assertThat(server.inflow().appliedMigrations()).isNotEmpty();
    }
  }

  @Test
  void learningActivityGoesToTheLrsNamedInTheSettings() throws Exception {
    WireMockServer lrs = new WireMockServer(wireMockConfig().dynamicPort());
    lrs.start();
    try {
      lrs.stubFor(put(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(204)));
      Settings settings = Settings.load(Settings.Source.of(Map.of(
          "INFLOW_PORT", "0",
          "INFLOW_JDBC_URL", TestDatabase.freshUrl(),
          "INFLOW_TOKEN_SECRET", TestTokens.SECRET,
          "INFLOW_XAPI_ENDPOINT", lrs.baseUrl() + "/xapi/",
          "INFLOW_XAPI_USERNAME", "key",
          "INFLOW_XAPI_PASSWORD", "secret")));
      try (InflowServer server = InflowServer.start(settings)) {
        Http http = new Http("http://localhost:" + server.port());
        assertThat(http.post("/inflow/api/v1/targets/course:java-101/comments").bearer(TestTokens.token("ana"))
            .json("{\"body\":\"Chapter 3 finally made streams click\"}").send().status()).isEqualTo(201);

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (lrs.findAll(putRequestedFor(urlPathEqualTo("/xapi/statements"))).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        lrs.verify(1, putRequestedFor(urlPathEqualTo("/xapi/statements"))
            .withHeader("X-Experience-API-Version", equalTo("1.0.3"))
            .withHeader("Authorization", equalTo("Basic a2V5OnNlY3JldA==")));
      }
    } finally {
      lrs.stop();
    }
  }
}
