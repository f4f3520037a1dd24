package dev.inflow.benchmarks.peer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Waline comment server ({@code @waline/vercel} from npm, Node + SQLite), the peer issue 10
 * compares Inflow with. Installed once into {@code benchmarks/target/waline} (npm, no install
 * scripts) with its SQLite driver compiled against the headers of the Node on this machine
 * (node-gyp with {@code --nodedir}), because the driver's own install would download a prebuilt
 * binary from GitHub, which this machine may not reach and the harness must not depend on.
 */
public final class Waline implements AutoCloseable {
  /** The version measured; pinned so that reruns compare like with like. */
  public static final String VERSION = "1.39.3";

  private final Process process;
  private final Path database;
  private final Path home;
  private final int port;

  private Waline(Process process, Path home, Path database, int port) {
    this.process = process;
    this.home = home;
    this.database = database;
    this.port = port;
  }

  /**
   * Installs Waline under {@code home} unless it is there already.
   *
   * @throws IllegalStateException saying what is missing (node, npm, a C++ compiler, Node's headers)
   */
  public static void install(Path home, Consumer<String> progress) throws IOException, InterruptedException {
    Path driver = home.resolve("node_modules/sqlite3/build/Release/node_sqlite3.node");
    Path marker = home.resolve("installed-" + VERSION);
    if (Files.exists(marker) && Files.exists(driver)) {
      return;
    }
    Files.createDirectories(home);
    progress.accept("installing @waline/vercel@" + VERSION + " from npm into " + home);
    run(home, List.of("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund", "--no-save", "--ignore-scripts",
        "@waline/vercel@" + VERSION), "npm install @waline/vercel (is npm installed and the registry reachable?)");
    Path nodeDir = nodeHeaders();
    progress.accept("compiling Waline's SQLite driver against " + nodeDir + "/include/node (node-gyp, a minute or two)");
    run(home.resolve("node_modules/sqlite3"), List.of("node", home.resolve("node_modules/node-gyp/bin/node-gyp.js").toString(),
        "rebuild", "--nodedir=" + nodeDir, "-j", "2"), "building the sqlite3 driver (needs python3, make and g++: apt-get install build-essential python3)");
    Files.writeString(marker, VERSION);
  }

  /**
   * Seeds a fresh SQLite database and starts Waline on {@code 127.0.0.1:port}.
   *
   * @param seed one JSON object a line: {@code {url, nick, mail, comment, insertedAt}}
   */
  public static Waline start(Path home, Path dataDir, Path seed, int port, Path log) throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Path database = dataDir.resolve("waline.sqlite");
    Files.deleteIfExists(database);
    for (String file : List.of("launch.js", "seed.js")) {
      try (InputStream in = Waline.class.getResourceAsStream("/dev/inflow/benchmarks/waline/" + file)) {
        Files.copy(in, home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    run(home, List.of("node", home.resolve("seed.js").toString(), database.toString(), seed.toString()), "seeding Waline's database");
    ProcessBuilder builder = new ProcessBuilder("node", home.resolve("launch.js").toString(), Integer.toString(port))
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    // Waline's defaults, except what a local benchmark cannot have: Akismet is a remote spam check
    // (off), and one comment per IP per minute (IPQPS) would stop a load test at the first request.
    builder.environment().putAll(Map.of("SQLITE_PATH", dataDir.toString(), "SQLITE_DB", "waline", "JWT_TOKEN", "bench",
        "AKISMET_KEY", "false", "IPQPS", "0", "DISABLE_REGION", "true", "NODE_ENV", "production"));
    Process process = builder.start();
    Waline waline = new Waline(process, home, database, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Waline exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return waline;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    waline.close();
    throw new IllegalStateException("Waline did not listen on port " + port + " within 60 s; see " + log);
  }

  /** @return {@code http://127.0.0.1:<port>} */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** @return how many comments Waline stored under URLs starting with {@code prefix} (read from its database) */
  public long stored(String prefix) throws IOException, InterruptedException {
    return Long.parseLong(run(home, List.of("node", home.resolve("seed.js").toString(), database.toString(), "--count", prefix),
        "counting Waline's comments").trim());
  }

  /** @return the Waline process id, for CPU accounting */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** @return the directory whose {@code include/node} holds node.h */
  private static Path nodeHeaders() {
    for (String candidate : List.of("/usr", "/usr/local")) {
      if (Files.exists(Path.of(candidate, "include/node/node.h"))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalStateException("Node's C headers (include/node/node.h) are missing: install the nodejs package that ships them"
        + " (NodeSource's nodejs does; Debian's needs libnode-dev)");
  }

  private static String run(Path dir, List<String> command, String what) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed: " + command.get(0) + " is not installed", e);
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "):\n" + output);
    }
    return output;
  }
}
