package dev.inflow.servlet.server;

import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty 12 server with one servlet context at {@code /}, sessions on, and a graceful stop that
 * lets requests in flight finish. Used by the standalone server and the examples.
 */
public final class EmbeddedJetty implements AutoCloseable {
  private final Server server;

  private EmbeddedJetty(Server server) {
    this.server = server;
  }

  /**
   * @param port the port, 0 for any free one
   * @param setup adds servlets and filters to the context before the server starts
   * @throws Exception when the port is taken or a servlet fails to start
   */
  public static EmbeddedJetty start(int port, Consumer<ServletContextHandler> setup) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("inflow-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    // Jetty keeps the header values a connection repeats, for browsers. Inflow's Authorization is a
    // per-user token, and behind a proxy one connection carries many users: each new token filled
    // that cache and cleared it again, 12 % of a comment list's CPU in the benchmarks. Off.
    http.setHeaderCacheSize(0);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    // Makes the jakarta.websocket ServerContainer available, which the live channel upgrades through.
    JakartaWebSocketServletContainerInitializer.configure(context, null);
    setup.accept(context);
    server.setHandler(new GracefulHandler(context));
    server.setStopTimeout(10_000);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new EmbeddedJetty(server);
  }

  /** Runs the action as soon as the server starts stopping, before it waits for requests in flight. */
  public void onStopping(Runnable action) {
    server.addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStopping(LifeCycle event) {
        action.run();
      }
    });
  }

  /** @return the port the server listens on */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops accepting requests, waits up to 10 s for those in flight, then stops. */
  @Override
  public void close() throws Exception {
    server.stop();
  }
}
