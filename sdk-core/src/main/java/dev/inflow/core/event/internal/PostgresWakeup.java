package dev.inflow.core.event.internal;

import dev.inflow.core.internal.Threads;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Listens on a PostgreSQL channel and calls back on every notification, so that an event
 * committed on another node reaches this node's subscribers at once. Holds one connection of the
 * pool; on any failure it reconnects after a second (the hub's poll covers the gap).
 *
 * <p>The driver's notification API is reached reflectively so that core does not need the
 * PostgreSQL driver to compile.
 */
final class PostgresWakeup implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PostgresWakeup.class.getName());
  /** Give the connection back now and then, so the pool can retire it on its own schedule. */
  private static final long RECYCLE_MILLIS = 10 * 60 * 1000;
  private final DataSource dataSource;
  private final String channel;
  private final Runnable onNotify;
  private volatile boolean running = true;
  private Thread thread;

  PostgresWakeup(DataSource dataSource, String channel, Runnable onNotify) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.onNotify = onNotify;
  }

  void start() {
    thread = Threads.daemon("inflow-pg-listen", this::listen);
    thread.start();
  }

  private void listen() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + channel);
        }
        Class<?> pgConnection = Class.forName("org.postgresql.PGConnection");
        Object pg = c.unwrap(pgConnection);
        Method poll = pgConnection.getMethod("getNotifications", int.class);
        long until = System.currentTimeMillis() + RECYCLE_MILLIS;
        while (running && System.currentTimeMillis() < until) {
          Object[] notifications = (Object[]) poll.invoke(pg, 1_000);
          if (notifications != null && notifications.length > 0) {
            onNotify.run();
          }
        }
        try (Statement s = c.createStatement()) {
          s.execute("UNLISTEN " + channel);
        }
        c.setAutoCommit(autoCommit);
      } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
        if (running) {
          LOG.log(Level.WARNING, "not listening for other nodes' events, retrying in a second: " + e.getMessage());
          try {
            Thread.sleep(1_000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
