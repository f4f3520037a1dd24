package dev.inflow.examples.intranet;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InflowException;
import dev.inflow.core.User;
import dev.inflow.core.spi.IdentityResolver;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.SettingsException;
import dev.inflow.servlet.server.EmbeddedJetty;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCookie;

/**
 * A small company intranet with Inflow built in: business pages (a policy, an order, a course) that
 * each carry a discussion, a user switcher standing in for single sign-on, and a database seeded
 * with conversations on first start. Run it with {@code scripts/demo.sh}.
 *
 * <p>It reads the settings of the standalone server ({@code INFLOW_PORT}, {@code INFLOW_JDBC_URL},
 * ... see {@link Settings}); bad settings stop it with one line saying what to fix.
 */
public final class IntranetDemo implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IntranetDemo.class.getName());

  /**
   * Who is signed in: the demo user the switcher put into the session. A real host reads its own
   * login here instead; {@link IdentityResolver#standard()} would do the same for this session
   * attribute, the demo spells it out to show the extension point.
   */
  static final IdentityResolver DEMO_SESSION = request -> request.sessionAttribute(IdentityResolver.SESSION_USER_ATTRIBUTE)
      .filter(User.class::isInstance)
      .map(user -> Caller.of(Caller.DEFAULT_TENANT, (User) user))
      .orElseGet(() -> Caller.anonymous(Caller.DEFAULT_TENANT));

  private final Inflow inflow;
  private final EmbeddedJetty jetty;

  private IntranetDemo(Inflow inflow, EmbeddedJetty jetty) {
    this.inflow = inflow;
    this.jetty = jetty;
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      System.out.println("Usage: scripts/demo.sh   (or java -cp ... " + IntranetDemo.class.getName() + ")");
      System.out.println("Settings come from environment variables, e.g. INFLOW_PORT=8090 INFLOW_JDBC_URL=jdbc:h2:file:/tmp/demo/db;");
      System.out.println("every one is listed in README.md, section Configuration: " + String.join(", ", Settings.NAMES));
      System.exit(args[0].equals("--help") || args[0].equals("-h") ? 0 : 2);
    }
    IntranetDemo demo;
    try {
      demo = start(Settings.load(Settings.Source.standard(Optional.empty())));
    } catch (SettingsException | InflowException e) {
      fail(e.getMessage());
      return;
    } catch (Exception e) {
      fail(cannotStart(e));
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(demo::closeQuietly, "demo-shutdown"));
    try {
      demo.jetty.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts the demo: Inflow on the configured database, seeded if it is fresh, and Jetty with the
   * portal and Inflow's servlet at {@code /inflow/*}.
   *
   * @throws SettingsException or {@link InflowException} saying what to fix
   * @throws Exception when the port is taken
   */
  public static IntranetDemo start(Settings settings) throws Exception {
    Inflow inflow = settings.inflowBuilder().build();
    try {
      boolean fresh = Seed.needed(inflow);
      DemoUsers.ALL.forEach(user -> inflow.users().remember(Caller.DEFAULT_TENANT, user));
      InflowServlet api = settings.servletBuilder(inflow).identityResolver(DEMO_SESSION).build();
      EmbeddedJetty jetty = EmbeddedJetty.start(settings.port(), context -> {
        // The session cookie is the demo's login: keep it away from scripts and other sites.
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
        ServletHolder inflowHolder = new ServletHolder("inflow", api);
        inflowHolder.setAsyncSupported(true);
        context.addServlet(inflowHolder, InflowServlet.DEFAULT_MOUNT_PATH + "/*");
        context.addServlet(new ServletHolder("portal", new Portal(inflow)), "/");
      });
      // Live connections would hold a graceful stop up until its timeout; close them first.
      jetty.onStopping(api::closeLiveConnections);
      IntranetDemo demo = new IntranetDemo(inflow, jetty);
      try {
        if (fresh) {
          Seed.run(settings.inflowBuilder(), inflow, demo.baseUrl());
        }
      } catch (RuntimeException e) {
        jetty.close();
        throw e;
      }
      LOG.log(Level.INFO, "Intranet demo running at {0}/ (database {1}{2}); new visitors are Ana Lima, switch users in the page header",
          demo.baseUrl(), settings.jdbcUrlForDisplay(), fresh ? ", seeded with sample conversations" : "");
      return demo;
    } catch (Exception | Error e) {
      inflow.close();
      throw e;
    }
  }

  /** @return the port the demo listens on */
  public int port() {
    return jetty.port();
  }

  /** @return e.g. {@code http://localhost:8080} */
  public String baseUrl() {
    return "http://localhost:" + port();
  }

  /** @return the Inflow behind the demo */
  public Inflow inflow() {
    return inflow;
  }

  /** Finishes requests in flight, then stops Jetty and closes the database. */
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
      close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "unclean stop: " + e.getMessage());
    }
  }

  private static String cannotStart(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return "the port is in use (" + t.getMessage() + "); stop what runs there or choose another with INFLOW_PORT=8090";
      }
    }
    return "could not start: " + e;
  }

  private static void fail(String message) {
    System.err.println("demo: " + message);
    System.exit(2);
  }
}
