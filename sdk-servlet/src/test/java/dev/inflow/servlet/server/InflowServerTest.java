package dev.inflow.servlet.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.inflow.core.ConflictException;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InflowServerTest {
  @TempDir
  Path dir;

  private static Settings settings(String url, String... more) {
    Map<String, String> values = new java.util.HashMap<>(Map.of("INFLOW_PORT", "0", "INFLOW_JDBC_URL", url,
        "INFLOW_TOKEN_SECRET", TestTokens.SECRET, "INFLOW_ALLOWED_ORIGINS", "https://portal.example.com"));
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return Settings.load(Settings.Source.of(values));
  }

  private static String cli(Settings settings, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Cli(new PrintStream(out, true, StandardCharsets.UTF_8)).run(settings, Arrays.asList(args));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theStandaloneServerServesTheApiWithTokensFromItsSettings() throws Exception {
    try (InflowServer server = InflowServer.start(settings(TestDatabase.freshUrl()))) {
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

  @Test
  void theStartReportSaysWhereWhatAndWhoAtAGlance() throws Exception {
    String url = TestDatabase.freshUrl();
    Settings settings = settings(url);
    cli(settings, "tenants", "create", "acme", "--origin", "https://portal.acme.example");
    try (InflowServer server = InflowServer.start(settings)) {
      String report = InflowServer.startReport(settings, server.inflow(), server.port());
      assertThat(report).contains("Inflow ", "url:          http://localhost:" + server.port() + "/inflow", "database:     " + url.split(";")[0],
          "migrations:   none to apply", "default (INFLOW_TOKEN_SECRET)", "acme (1 secret, origins https://portal.acme.example)",
          "https://portal.example.com for every tenant", "operator API: off");
    }
    try (InflowServer fresh = InflowServer.start(settings(TestDatabase.freshUrl()))) {
      assertThat(InflowServer.startReport(settings, fresh.inflow(), fresh.port())).contains("migrations:   applied 1 platform, 2 comments");
    }
  }

  @Test
  void theCliManagesTenantsAndTheirSecretsWork() throws Exception {
    Settings settings = settings(TestDatabase.freshUrl());
    String created = cli(settings, "tenants", "create", "acme", "--name", "Acme Corp", "--origin", "https://portal.acme.example");
    String secret = secretIn(created);
    assertThat(created).contains("Created tenant acme", "only time the secret is shown");

    String rotated = cli(settings, "tenants", "rotate-secret", "acme", "--overlap", "1h");
    String second = secretIn(rotated);
    assertThat(rotated).contains("accepted until");
    assertThat(cli(settings, "tenants", "origins", "acme", "https://a.acme.example", "https://b.acme.example"))
        .contains("allows pages on: https://a.acme.example https://b.acme.example");
    String list = cli(settings, "tenants", "list");
    assertThat(list).contains("acme  Acme Corp", "(current)", "(until ", "origins: https://a.acme.example https://b.acme.example",
        "default  Default", "INFLOW_TOKEN_SECRET").doesNotContain(secret).doesNotContain(second);

    try (InflowServer server = InflowServer.start(settings)) {
      Http http = new Http("http://localhost:" + server.port());
      for (String s : List.of(secret, second)) {
        String token = TestTokens.token(s, b -> b.audience("acme").subject("ana").claim("name", "Ana"));
        assertThat(http.post("/inflow/api/v1/targets/kb/x/comments").bearer(token).header("Origin", "https://a.acme.example")
            .json("{\"body\":\"hi\"}").send().status()).isEqualTo(201);
      }
    }
    assertThatThrownBy(() -> cli(settings, "tenants", "create", "acme")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> cli(settings, "tenants", "rotate-secret")).isInstanceOf(Cli.UsageException.class).hasMessageContaining("tenant id");
    assertThatThrownBy(() -> cli(settings, "tenants", "frobnicate")).isInstanceOf(Cli.UsageException.class);
  }

  @Test
  void theCliImportsAndExports() throws Exception {
    Settings settings = settings(TestDatabase.freshUrl());
    Path disqus = dir.resolve("disqus.xml");
    try (InputStream in = InflowServerTest.class.getResourceAsStream("/dev/inflow/core/transfer/disqus-export.xml")) {
      Files.copy(in, disqus);
    }
    String imported = cli(settings, "import", "disqus", disqus.toString(), "--tenant", "acme", "--map", "https://blog.acme.example/posts/=blog/{slug}");
    assertThat(imported).contains("Imported 5 comments into tenant acme", "Targets: blog/expense-reports blog/vpn-setup",
        "Left out: 1 (spam)", "No --map rule matched these pages: https://www.acme.example/about");
    assertThat(cli(settings, "import", "disqus", disqus.toString(), "--tenant", "acme", "--map", "https://blog.acme.example/posts/=blog/{slug}"))
        .contains("Imported 0 comments", "5 were imported before");

    Path export = dir.resolve("acme.json");
    assertThat(cli(settings, "export", "--tenant", "acme", "--output", export.toString())).contains("Exported tenant acme");
    assertThat(cli(settings, "import", "inflow", export.toString(), "--tenant", "acme-copy")).contains("Imported 5 comments", "inflow_comment: 5 rows");
    assertThatThrownBy(() -> cli(settings, "import", "disqus", disqus.toString(), "--tenant", "acme"))
        .isInstanceOf(Cli.UsageException.class).hasMessageContaining("--map");
  }

  @Test
  void aStoppingServerFinishesTheRequestInFlightAndSendsLiveClientsAway() throws Exception {
    InflowServer server = InflowServer.start(settings(TestDatabase.freshUrl()));
    int port = server.port();
    String token = TestTokens.token("ana");
    LiveClient live = LiveClient.connect("http://localhost:" + port, "/inflow/live", Map.of("Authorization", "Bearer " + token));
    byte[] body = "{\"body\":\"sent slowly while the server stops\"}".getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /inflow/api/v1/targets/kb/slow/comments HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(body, 0, 10);
      out.flush();
      Thread.sleep(300);

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
        try {
          server.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!live.isClosed() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(live.closeCode()).as("live clients are told to reconnect elsewhere").isEqualTo(1001);
      assertThat(stopping).as("the stop waits for the request in flight").isNotDone();

      out.write(body, 10, body.length - 10);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 201").contains("sent slowly while the server stops");
      stopping.get(15, TimeUnit.SECONDS);
    } finally {
      live.close();
    }
    assertThatThrownBy(() -> new Socket("localhost", port).close()).as("no new connections once stopped").isInstanceOf(java.io.IOException.class);
  }

  private static String secretIn(String output) {
    Matcher m = Pattern.compile("token secret:\\s+(\\S+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }
}
