package dev.inflow.servlet.server;

import dev.inflow.core.Caller;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.inflow.core.tenant.Tenant;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The standalone server: Inflow on Jetty, for hosts that are not Java. Configured by the
 * environment variables of {@link Settings} (a {@code --config} file and system properties may
 * override them). Bad settings stop it with one line saying what to fix.
 *
 * <pre>java -jar inflow-server.jar [--config inflow.properties] [tenants|export|import ...]</pre>
 */
public final class InflowServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InflowServer.class.getName());
  private final Inflow inflow;
  private final EmbeddedJetty jetty;

  private InflowServer(Inflow inflow, EmbeddedJetty jetty) {
    this.inflow = inflow;
    this.jetty = jetty;
  }

  /**
   * Runs the server, or one of the operator commands ({@code tenants}, {@code export},
   * {@code import}; see {@code --help}). Exits with 2 and one line on standard error for bad
   * settings or usage, 1 when a command fails.
   */
  public static void main(String[] args) {
    Optional<Path> config = Optional.empty();
    List<String> command = new ArrayList<>();
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
            fail(2, "--config needs a file: --config inflow.properties");
          }
          config = Optional.of(Path.of(args[++i]));
        }
        default -> {
          if (command.isEmpty() && !Cli.isCommand(args[i])) {
            fail(2, "unknown option '" + args[i] + "'; see --help");
          }
          command.add(args[i]);
        }
      }
    }
    try {
      Settings settings = Settings.load(Settings.Source.standard(config));
      if (!command.isEmpty()) {
        new Cli(System.out).run(settings, command);
        System.out.flush();
        return;
      }
      InflowServer server = start(settings);
      Runtime.getRuntime().addShutdownHook(new Thread(server::closeQuietly, "inflow-shutdown"));
      server.jetty.join();
    } catch (SettingsException | Cli.UsageException e) {
      fail(2, e.getMessage());
    } catch (InflowException e) {
      fail(command.isEmpty() ? 2 : 1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      fail(1, (command.isEmpty() ? "could not start: " : "failed: ") + e.getMessage());
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
      LOG.log(Level.INFO, startReport(settings, inflow, jetty.port()));
      return new InflowServer(inflow, jetty);
    } catch (Exception | Error e) {
      inflow.close();
      throw e;
    }
  }

  /** What an operator checks first when a server starts: where it is, what it runs on, who may use it. */
  static String startReport(Settings settings, Inflow inflow, int port) {
    List<String> tenants = new ArrayList<>();
    for (Tenant t : inflow.tenants().list()) {
      List<String> about = new ArrayList<>();
      if (!t.secrets().isEmpty()) {
        about.add(t.secrets().size() + (t.secrets().size() == 1 ? " secret" : " secrets"));
      }
      if (t.id().equals(Caller.DEFAULT_TENANT) && settings.tokenSecret().isPresent()) {
        about.add("INFLOW_TOKEN_SECRET");
      }
      if (about.isEmpty()) {
        about.add("no token secret");
      }
      if (!t.allowedOrigins().isEmpty()) {
        about.add("origins " + String.join(" ", t.allowedOrigins()));
      }
      tenants.add(t.id() + " (" + String.join(", ", about) + ")");
    }
    return "Inflow " + version() + " is running\n"
        + "  url:          http://localhost:" + port + "/inflow  (widget /inflow/inflow.js, API /inflow/api/openapi.json)\n"
        + "  database:     " + settings.jdbcUrlForDisplay() + "\n"
        + "  migrations:   " + (inflow.appliedMigrations().isEmpty() ? "none to apply, the schema is current"
            : "applied " + String.join(", ", inflow.appliedMigrations())) + "\n"
        + "  tenants:      " + String.join("; ", tenants) + "\n"
        + "  origins:      " + (settings.allowedOrigins().isEmpty() ? "none for every tenant (INFLOW_ALLOWED_ORIGINS)"
            : String.join(" ", settings.allowedOrigins()) + " for every tenant") + "\n"
        + "  operator API: " + (settings.operatorSecret().isPresent() ? "on (/inflow/api/v1/operator/tenants)" : "off (INFLOW_OPERATOR_SECRET not set)");
  }

  /** @return the port the server listens on */
  public int port() {
    return jetty.port();
  }

  /** @return the Inflow instance behind the server */
  public Inflow inflow() {
    return inflow;
  }

  /**
   * Stops gracefully: no new connections, live connections told to go away (1001, so clients
   * reconnect elsewhere), requests in flight finished (up to 10 s); then the database pool closes.
   */
  @Override
  public void close() throws Exception {
    try {
      jetty.close();
    } finally {
      inflow.close();
    }
    LOG.log(Level.INFO, "Inflow stopped");
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
    out.println("Usage: java -jar inflow-server.jar [--config FILE] [COMMAND]   (also --version, --help)");
    out.println();
    out.println("Without a command, runs Inflow's API, live channel and widget at http://localhost:$INFLOW_PORT/inflow");
    out.println("until stopped (Ctrl-C or SIGTERM: requests in flight finish first).");
    out.println();
    out.println("Settings come from environment variables; a --config properties file (same names, or");
    out.println("dotted lower case: inflow.port=8080) and system properties (-Dinflow.port=8080) override them:");
    out.println();
    out.println("  INFLOW_PORT              HTTP port (default 8080; 0 picks a free one)");
    out.println("  INFLOW_JDBC_URL          jdbc:h2:... or jdbc:postgresql://host:5432/db (default " + Inflow.DEFAULT_JDBC_URL + ")");
    out.println("  INFLOW_JDBC_USER         database user");
    out.println("  INFLOW_JDBC_PASSWORD     database password");
    out.println("  INFLOW_TOKEN_SECRET      secret signing user tokens of tenant 'default' (at least 32 characters)");
    out.println("  INFLOW_ALLOWED_ORIGINS   origins whose pages may embed Inflow, for every tenant, comma-separated");
    out.println("  INFLOW_OPERATOR_SECRET   turns on the operator API (/inflow/api/v1/operator/tenants) with this bearer credential");
    out.println("  INFLOW_XAPI_ENDPOINT     your Learning Record Store; INFLOW_XAPI_USERNAME and _PASSWORD log in to it");
    out.println("  INFLOW_SMTP_HOST         mail server for notification e-mail; also INFLOW_SMTP_PORT (25), _FROM (needed),");
    out.println("                           _USERNAME and _PASSWORD, _STARTTLS (true/false, default false)");
    out.println("  INFLOW_RATE_LIMITS       e.g. user-writes=30,tenant-writes=6000,user-reads=1200,tenant-reads=120000 (per minute)");
    out.println();
    out.print(Cli.USAGE);
    out.println();
    out.println("docs/standalone-server.md explains each setting and command.");
  }

  private static void fail(int status, String message) {
    System.err.println("inflow: " + message);
    System.exit(status);
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
