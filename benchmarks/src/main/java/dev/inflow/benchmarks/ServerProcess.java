package dev.inflow.benchmarks;

import dev.inflow.benchmarks.server.BenchServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The measured server in its own JVM ({@link BenchServer} on this JVM's classpath), so that the
 * load generator's threads, heap and GC never mix with the server's. Its output goes to a log file.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the server and waits until it listens.
   *
   * @param env the Inflow settings (INFLOW_JDBC_URL, INFLOW_TOKEN_SECRET, INFLOW_RATE_LIMITS, INFLOW_PORT)
   * @throws IllegalStateException with the end of the log when it does not come up within 90 s
   */
  static ServerProcess start(Map<String, String> env, List<String> jvmArgs, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchServer.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("INFLOW_"));
    builder.environment().putAll(env);
    Files.createDirectories(log.getParent());
    Process process = builder.start();
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("READY ")) {
            ready.complete(Integer.parseInt(line.substring(6).strip()));
          }
          out.write(line);
          out.write('\n');
          out.flush();
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("the server exited"));
    }, "server-log");
    pump.setDaemon(true);
    pump.start();
    try {
      return new ServerProcess(process, ready.get(90, TimeUnit.SECONDS));
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      throw new IllegalStateException("the bench server did not start; last lines of " + log + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())), e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Stops the server the way an operator would (SIGTERM, graceful), forcibly after 30 s or when interrupted. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
