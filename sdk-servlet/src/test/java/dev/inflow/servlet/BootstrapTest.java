package dev.inflow.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.server.EmbeddedJetty;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/** The listener declared by web-fragment.xml mounts Inflow from context parameters, on both containers. */
class BootstrapTest {
  @Test
  void jettyMountsInflowFromContextParameters() throws Exception {
    String url = TestDatabase.freshUrl();
    try (EmbeddedJetty jetty = EmbeddedJetty.start(0, context -> {
      context.setInitParameter("inflow.jdbc.url", url);
      context.setInitParameter("inflow.token.secret", TestTokens.SECRET);
      context.setInitParameter("inflow.mount.path", "/social");
      context.addEventListener(new InflowBootstrap());
    })) {
      Http http = new Http("http://localhost:" + jetty.port());
      assertThat(http.get("/social/health").send().status()).isEqualTo(200);
      assertThat(http.post("/social/api/v1/targets/x/comments").bearer(TestTokens.token("ana")).json("{\"body\":\"hi\"}").send().status())
          .isEqualTo(201);
    }
  }

  @Test
  void tomcatMountsInflowUnlessSwitchedOff() throws Exception {
    assertThat(startTomcat(false)).isEqualTo(200);
    assertThat(startTomcat(true)).isEqualTo(404);
  }

  private static int startTomcat(boolean switchedOff) throws Exception {
    File base = Files.createTempDirectory("inflow-tomcat").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.getAbsolutePath());
    context.addParameter("inflow.jdbc.url", TestDatabase.freshUrl());
    context.addParameter("inflow.enabled", Boolean.toString(!switchedOff));
    context.addApplicationListener(InflowBootstrap.class.getName());
    tomcat.start();
    try {
      return new Http("http://localhost:" + connector.getLocalPort()).get("/inflow/health").send().status();
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
