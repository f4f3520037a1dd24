package dev.inflow.servlet.war;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plain-container path, as a host takes it: a WAR with sdk-servlet in WEB-INF/lib, deployed
 * into real Tomcat 10.1 and Jetty 12 with annotation and fragment scanning on. The jar's
 * web-fragment.xml registers Inflow from context parameters, {@code inflow.enabled=false} switches
 * it off, and the live channel upgrades to WebSocket in both.
 */
class WarDeploymentTest {
  @TempDir
  Path dir;

  /** A WAR running in a container, on a free port. */
  interface Deployed extends AutoCloseable {
    int port();
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void theWebFragmentRegistersInflowFromContextParameters(Container container) throws Exception {
    Path war = SampleWar.build(dir.resolve("intranet"), Map.of("inflow.jdbc.url", TestDatabase.freshUrl(),
        "inflow.token.secret", TestTokens.SECRET));
    try (Deployed app = deploy(container, war)) {
      Http http = new Http("http://localhost:" + app.port());
      assertThat(http.get("/intranet/inflow/health").send().status()).isEqualTo(200);
      assertThat(http.get("/intranet/").send().text()).contains("<inflow-comments target=\"policies/expenses\"");
      assertThat(http.get("/intranet/inflow/inflow.js").send().status()).isEqualTo(200);

      try (LiveClient live = LiveClient.connect("http://localhost:" + app.port(), "/intranet/inflow/live",
          Map.of("Authorization", "Bearer " + TestTokens.token("ben")))) {
        live.subscribe("target:policies/expenses", null);
        live.await(f -> f.stream().anyMatch(x -> x.path("type").asText().equals("subscribed")), Duration.ofSeconds(10));

        http.get("/intranet/login?user=ana&name=Ana%20Lima").send();
        assertThat(http.get("/intranet/inflow/api/v1/me").send().json().path("user").path("name").asText())
            .as("the WAR's own login, found by annotation scanning, signs people in").isEqualTo("Ana Lima");
        Http.Response posted = http.post("/intranet/inflow/api/v1/targets/policies/expenses/comments").sameOrigin()
            .json("{\"body\":\"Do taxi receipts count?\"}").send();
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);

        assertThat(live.await(f -> f.stream().anyMatch(x -> x.toString().contains("Do taxi receipts count?")), Duration.ofSeconds(10)))
            .as("the comment arrives over the WebSocket").isNotEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void contextParameterInflowEnabledFalseSwitchesItOff(Container container) throws Exception {
    Path war = SampleWar.build(dir.resolve("intranet"), Map.of("inflow.enabled", "false", "inflow.jdbc.url", TestDatabase.freshUrl()));
    try (Deployed app = deploy(container, war)) {
      Http http = new Http("http://localhost:" + app.port());
      assertThat(http.get("/intranet/").send().status()).isEqualTo(200);
      assertThat(http.get("/intranet/inflow/health").send().status()).isEqualTo(404);
    }
  }

  /** Deploys the WAR at {@code /intranet} on a free port. */
  static Deployed deploy(Container container, Path war) throws Exception {
    return switch (container) {
      case TOMCAT -> tomcat(war);
      case JETTY -> jetty(war);
    };
  }

  private static Deployed tomcat(Path war) throws Exception {
    return tomcat(war, 0);
  }

  /** @param port where Tomcat listens, 0 for a free port */
  static Deployed tomcat(Path war, int port) throws Exception {
    Path base = Files.createTempDirectory("inflow-tomcat-war");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    tomcat.setConnector(connector);
    tomcat.getHost().setAppBase(base.toString());
    Context context = tomcat.addWebapp("/intranet", war.toAbsolutePath().toString());
    // In a real Tomcat the class path holds Tomcat alone; this test's also holds Jetty and Inflow.
    ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
    context.setContainerSciFilter("org\\.eclipse\\.jetty\\..*");
    tomcat.start();
    return new Deployed() {
      @Override
      public int port() {
        return connector.getLocalPort();
      }

      @Override
      public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }

  private static Deployed jetty(Path war) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext context = new WebAppContext();
    context.setContextPath("/intranet");
    context.setWar(war.toAbsolutePath().toString());
    context.setAttribute("org.eclipse.jetty.containerInitializerExclusionPattern", "org\\.apache\\..*");
    context.setThrowUnavailableOnStartupException(true);
    server.setHandler(context);
    server.start();
    return new Deployed() {
      @Override
      public int port() {
        return connector.getLocalPort();
      }

      @Override
      public void close() throws Exception {
        server.stop();
      }
    };
  }
}
