package dev.inflow.examples.nodehost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.server.InflowServer;
import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.testing.TestTokens;
import dev.inflow.servlet.widget.CommentsWidget;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The non-Java host of {@code examples/node-host}: a Node.js page on one origin signs user tokens and
 * embeds the widget from the standalone server on another. Node must be on the PATH; the test fails,
 * never skips, without it.
 */
class NodeHostBrowserTest {
  private static final Path APP = Path.of("node-host/server.mjs");
  private static final String ARTICLE = "kb/vpn-setup";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void someoneSignedInOnTheNodeAppPostsThroughTheWidgetAndTheServerStoresItUnderTheirName() throws Exception {
    String text = "The tunnel also drops when the laptop sleeps; turn off sleep on battery.";
    int nodePort = freePort();
    Map<String, String> settings = Map.of(
        "INFLOW_PORT", "0",
        "INFLOW_JDBC_URL", TestDatabase.freshUrl(),
        "INFLOW_TOKEN_SECRET", TestTokens.SECRET,
        "INFLOW_ALLOWED_ORIGINS", "http://localhost:" + nodePort);
    try (InflowServer inflow = InflowServer.start(Settings.load(Settings.Source.of(settings)));
         NodeApp app = NodeApp.start(nodePort, "http://localhost:" + inflow.port());
         Browser browser = Browser.start()) {
      browser.open(app.url() + "/");
      new Select(browser.await(d -> d.findElement(By.name("user")))).selectByVisibleText("Fatima Haddad");
      browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
      browser.await(d -> d.findElement(By.tagName("h1")).getText().equals("Connecting to the VPN"));
      CommentsWidget widget = new CommentsWidget(browser);

      widget.post(text);

      assertThat(widget.comment(text).getText()).contains("Fatima Haddad");
      JsonNode stored = JSON.readTree(get("http://localhost:" + inflow.port() + "/inflow/api/v1/targets/" + ARTICLE + "/comments",
          TestTokens.token("auditor"))).path("items").get(0);
      assertThat(stored.path("body").asText()).isEqualTo(text);
      assertThat(stored.path("author").path("id").asText()).isEqualTo("e1042");
      assertThat(stored.path("author").path("name").asText()).isEqualTo("Fatima Haddad");
    }
  }

  private static String get(String url, String token) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** {@code node server.mjs} on a port, stopped (with its output kept for failures) on close. */
  private record NodeApp(Process process, int port, Path log) implements AutoCloseable {
    static NodeApp start(int port, String inflowUrl) throws Exception {
      assertThat(APP).as("the Node app, relative to the examples module").isRegularFile();
      Path log = Files.createTempFile("node-host-", ".log");
      ProcessBuilder builder = new ProcessBuilder(node().toString(), APP.getFileName().toString())
          .directory(APP.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(Map.of("PORT", String.valueOf(port), "INFLOW_URL", inflowUrl, "INFLOW_TOKEN_SECRET", TestTokens.SECRET));
      NodeApp app = new NodeApp(builder.start(), port, log);
      app.awaitListening();
      return app;
    }

    String url() {
      return "http://localhost:" + port;
    }

    private void awaitListening() throws Exception {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      Instant deadline = Instant.now().plusSeconds(15);
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("node exited with " + process.exitValue() + ": " + output());
        }
        try {
          http.send(HttpRequest.newBuilder(URI.create(url() + "/login")).build(), HttpResponse.BodyHandlers.discarding());
          return;
        } catch (ConnectException e) {
          if (Instant.now().isAfter(deadline)) {
            close();
            throw new IllegalStateException("node did not listen on " + url() + " within 15 s: " + output(), e);
          }
          Thread.sleep(100);
        }
      }
    }

    /** Node from the PATH; the example is about Node, so its absence fails the test. */
    private static Path node() {
      return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
          .map(dir -> Path.of(dir, "node"))
          .filter(Files::isExecutable)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("'node' is not on the PATH; this test runs examples/node-host with Node.js 18 or newer "
              + "(Debian: apt-get install -y nodejs)"));
    }

    private String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      process.destroy();
      try {
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Files.deleteIfExists(log);
    }
  }
}
