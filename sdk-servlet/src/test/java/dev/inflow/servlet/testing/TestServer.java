package dev.inflow.servlet.testing;

import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.spi.IdentityResolver;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.server.EmbeddedJetty;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The Inflow servlet running in a real container on a free port, with a stand-in for the host's
 * login at {@code /login?user=ana&roles=moderator} (it puts a {@link User} into the session, which
 * the default {@link IdentityResolver} reads).
 */
public final class TestServer implements AutoCloseable {
  private final AutoCloseable server;
  private final int port;

  private TestServer(AutoCloseable server, int port) {
    this.server = server;
    this.port = port;
  }

  public static TestServer start(Container container, InflowServlet servlet) throws Exception {
    return start(container, servlet, Map.of());
  }

  /**
   * Like {@link #start(Container, InflowServlet)}, plus the host's own pages.
   *
   * @param pages servlets by mapping, e.g. {@code "/page"}, served beside Inflow as the host's pages
   */
  public static TestServer start(Container container, InflowServlet servlet, Map<String, ? extends Servlet> pages) throws Exception {
    return start(container, servlet, pages, Map.of());
  }

  /**
   * Like {@link #start(Container, InflowServlet, Map)}, with filters in front, e.g. a stand-in for
   * a proxy between the browser and Inflow.
   *
   * @param filters filters by URL pattern, e.g. {@code "/inflow/live/*"}; they must support async requests
   */
  public static TestServer start(Container container, InflowServlet servlet, Map<String, ? extends Servlet> pages,
      Map<String, ? extends Filter> filters) throws Exception {
    return switch (container) {
      case JETTY -> startJetty(servlet, pages, filters);
      case TOMCAT -> startTomcat(servlet, pages, filters);
    };
  }

  /** @return {@code http://localhost:port} */
  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }

  private static TestServer startJetty(InflowServlet servlet, Map<String, ? extends Servlet> pages, Map<String, ? extends Filter> filters)
      throws Exception {
    EmbeddedJetty jetty = EmbeddedJetty.start(0, context -> {
      filters.forEach((pattern, filter) -> {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, pattern, EnumSet.of(DispatcherType.REQUEST));
      });
      context.addServlet(new ServletHolder("inflow", servlet), "/inflow/*");
      context.addServlet(new ServletHolder("login", new Login()), "/login");
      pages.forEach((mapping, page) -> context.addServlet(new ServletHolder(mapping, page), mapping));
    });
    jetty.onStopping(servlet::closeLiveConnections);
    return new TestServer(jetty, jetty.port());
  }

  private static TestServer startTomcat(InflowServlet servlet, Map<String, ? extends Servlet> pages, Map<String, ? extends Filter> filters)
      throws Exception {
    File base = Files.createTempDirectory("inflow-tomcat").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.getAbsolutePath());
    context.addServletContainerInitializer(new WsSci(), null);
    add(context, "inflow", servlet, "/inflow/*");
    add(context, "login", new Login(), "/login");
    pages.forEach((mapping, page) -> add(context, mapping, page, mapping));
    filters.forEach((pattern, filter) -> {
      FilterDef def = new FilterDef();
      def.setFilterName(pattern);
      def.setFilter(filter);
      def.setAsyncSupported("true");
      context.addFilterDef(def);
      FilterMap map = new FilterMap();
      map.setFilterName(pattern);
      map.addURLPattern(pattern);
      context.addFilterMap(map);
    });
    tomcat.start();
    return new TestServer(() -> {
      tomcat.stop();
      tomcat.destroy();
    }, connector.getLocalPort());
  }

  private static void add(Context context, String name, Servlet servlet, String mapping) {
    Tomcat.addServlet(context, name, servlet).setAsyncSupported(true);
    context.addServletMappingDecoded(mapping, name);
  }

  /** The host's login page, reduced to what tests need. */
  static final class Login extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String id = request.getParameter("user");
      User.Builder user = User.builder(id).name(Optional.ofNullable(request.getParameter("name")).orElse(id));
      Optional.ofNullable(request.getParameter("roles")).ifPresent(roles ->
          user.roles(Arrays.stream(roles.split(",")).map(Role::fromWireName).flatMap(Optional::stream).toList()));
      request.getSession(true).setAttribute(IdentityResolver.SESSION_USER_ATTRIBUTE, user.build());
      response.setStatus(204);
    }
  }
}
