package dev.inflow.servlet.server;

import static org.assertj.core.api.Assertions.assertThat;

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
}
