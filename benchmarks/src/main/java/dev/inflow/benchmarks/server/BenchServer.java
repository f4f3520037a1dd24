package dev.inflow.benchmarks.server;

import dev.inflow.core.Inflow;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.server.EmbeddedJetty;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The process the harness measures: the standalone server's own assembly ({@link Settings} from
 * the environment, {@link InflowServlet} at {@code /inflow/*} on {@link EmbeddedJetty}, exactly as
 * {@code InflowServer.start} does it) plus, on other paths of the same Jetty, what the baselines
 * need: a bare WebSocket broadcast at {@code /bare/*} and the bench admin at {@code /bench/admin/*}
 * (seeding, the raw JDBC insert loop, heap after GC). Nothing on {@code /inflow} differs from
 * {@code java -jar inflow-server.jar}.
 *
 * <p>Prints {@code READY <port>} on standard output once it listens, then runs until killed.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.load(Settings.Source.standard(java.util.Optional.empty()));
    Inflow inflow = settings.inflowBuilder().build();
    InflowServlet servlet = settings.servletBuilder(inflow).build();
    BareBroadcast bare = new BareBroadcast();
    EmbeddedJetty jetty = EmbeddedJetty.start(settings.port(), context -> {
      context.addServlet(new ServletHolder("inflow", servlet), InflowServlet.DEFAULT_MOUNT_PATH + "/*");
      context.addServlet(new ServletHolder("bare", bare.servlet()), "/bare/*");
      context.addServlet(new ServletHolder("admin", new AdminServlet(inflow, bare)), "/bench/admin/*");
    });
    jetty.onStopping(servlet::closeLiveConnections);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        jetty.close();
      } catch (Exception e) {
        System.err.println("bench server: unclean stop: " + e.getMessage());
      } finally {
        inflow.close();
      }
    }, "bench-shutdown"));
    System.out.println("READY " + jetty.port());
    System.out.flush();
    jetty.join();
  }
}
