package dev.inflow.servlet.server;

import dev.inflow.core.Inflow;
import dev.inflow.core.InflowException;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.SettingsException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The standalone server: Inflow on Jetty, for hosts that are not Java. Configured by the
 * environment variables of {@link Settings} (a {@code --config} file and system properties may
 * override them). Bad settings stop it with one line saying what to fix.
 *
 * <pre>java -jar inflow-server.jar [--config inflow.properties]</pre>
 */
public final class InflowServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InflowServer.class.getName());
  private final Inflow inflow;
  private final EmbeddedJetty jetty;

  private InflowServer(Inflow inflow, EmbeddedJetty jetty) {
    this.inflow = inflow;
    this.jetty = jetty;
  }

  public static void main(String[] args) {
    Optional<Path> config = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          usage(System.out);
          return;
        }
        case "--version" -> {
          System.out.println("inflow-server " + version());
          return;
        }
        case "--config" -> {
          if (i + 1 >= args.length) {
            fail("--config needs a file: --config inflow.properties");
          }
          config = Optional.of(Path.of(args[++i]));
        }
        default -> fail("unknown option '" + args[i] + "'; see --help");
      }
    }
    try {
      InflowServer server = start(Settings.load(Settings.Source.standard(config)));
      Runtime.getRuntime().addShutdownHook(new Thread(server::closeQuietly, "inflow-shutdown"));
      server.jetty.join();
    } catch (SettingsException e) {
      fail(e.getMessage());
    } catch (InflowException e) {
      fail(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      fail("could not start: " + e.getMessage());
    }
  }

  /**
   * Starts Inflow and Jetty with these settings.
   *
   * @throws Exception when the database or the port cannot be used
   */
  public static InflowServer start(Settings settings) throws Exception {
    Inflow inflow = settings.inflowBuilder().build();
    try {
      InflowServlet servlet = settings.servletBuilder(inflow).build();
      EmbeddedJetty jetty = EmbeddedJetty.start(settings.port(), context -> {
        context.addServlet(new ServletHolder("inflow", servlet), InflowServlet.DEFAULT_MOUNT_PATH + "/*");
        context.addServlet(new ServletHolder("home", new Home()), "/");
      });
      jetty.onStopping(servlet::closeLiveConnections);
      LOG.log(Level.INFO, "Inflow {0} listening on http://localhost:{1,number,#}/inflow (database {2}; migrations applied: {3}; "
          + "tokens {4}; allowed origins: {5})", version(), jetty.port(), settings.jdbcUrlForDisplay(),
          inflow.appliedMigrations().isEmpty() ? "none, schema current" : String.join(", ", inflow.appliedMigrations()),
          settings.tokenSecret().isPresent() ? "accepted for tenant 'default'" : "off (INFLOW_TOKEN_SECRET not set)",
          settings.allowedOrigins().isEmpty() ? "none" : String.join(" ", settings.allowedOrigins()));
      return new InflowServer(inflow, jetty);
    } catch (Exception | Error e) {
      inflow.close();
      throw e;
    }
  }

  /** @return the port the server listens on */
  public int port() {
    return jetty.port();
  }

  /** @return the Inflow instance behind the server */
  public Inflow inflow() {
    return inflow;
  }

  /** Finishes requests in flight (up to 10 s), then stops Jetty and closes the database pool. */
  @Override
  public void close() throws Exception {
    try {
      jetty.close();
    } finally {
      inflow.close();
    }
  }

  private void closeQuietly() {
    try {
      LOG.log(Level.INFO, "stopping: finishing requests in flight");
      close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "unclean stop: " + e.getMessage());
    }
  }

  private static String version() {
    return Optional.ofNullable(InflowServer.class.getPackage().getImplementationVersion()).orElse("dev");
  }

  private static void usage(PrintStream out) {
    out.println("Usage: java -jar inflow-server.jar [--config FILE] [--version] [--help]");
    out.println();
    out.println("Runs Inflow's API, live channel and widget at http://localhost:$INFLOW_PORT/inflow.");
    out.println("Settings come from environment variables; a --config properties file and");
    out.println("system properties (-Dinflow.port=8080) override them:");
    out.println();
    for (String name : Settings.NAMES) {
      out.println("  " + name);
    }
    out.println();
    out.println("See README.md, section Configuration, for what each means and its default.");
  }

  private static void fail(String message) {
    System.err.println("inflow: " + message);
    System.exit(2);
  }

  /** Answers {@code /} so that someone opening the server in a browser learns where things are. */
  private static final class Home extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (!"/".equals(request.getServletPath()) || request.getPathInfo() != null) {
        response.sendError(404);
        return;
      }
      response.setContentType("text/plain; charset=utf-8");
      response.getWriter().println("Inflow is running.\n\nWidget:  /inflow/inflow.js\nAPI:     /inflow/api/openapi.json\nHealth:  /inflow/health");
    }
  }
}
