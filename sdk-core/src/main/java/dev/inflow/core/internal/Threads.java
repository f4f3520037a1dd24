package dev.inflow.core.internal;

/** Inflow's own background threads, made one way. */
public final class Threads {
  private Threads() {}

  /**
   * @return a daemon thread (it never keeps a host's JVM alive) whose context class loader is
   *     Inflow's own, not that of the request that happened to start it, so containers do not see a
   *     web application's loader pinned by a thread outliving a request
   */
  public static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.setContextClassLoader(Threads.class.getClassLoader());
    return thread;
  }
}
