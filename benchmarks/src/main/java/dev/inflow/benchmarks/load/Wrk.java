package dev.inflow.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian's package), a closed-loop load generator written in C: a fixed number of
 * connections each sending its next request as soon as the last answer arrives. It measures
 * throughput with little CPU of its own, which matters on a two-core machine where the generator
 * and the server share the cores. Its latency figures suffer from coordinated omission, so the
 * harness takes latency from {@link OpenLoop} instead.
 */
public final class Wrk {
  /** One wrk run: what it counted. */
  public record Result(double requestsPerSecond, long requests, double seconds, long non2xx, long socketErrors) {
    /** @return whether almost every answer was a success (429s or 5xxs would flatter the rate) */
    public boolean clean() {
      return non2xx + socketErrors <= requests / 1000;
    }
  }

  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private final Path script;
  private final Path workDir;

  private Wrk(Path script, Path workDir) {
    this.script = script;
    this.workDir = workDir;
  }

  /**
   * Checks that wrk is installed and unpacks the Lua script.
   *
   * @throws IllegalStateException when wrk is missing, saying how to install it
   */
  public static Wrk prepare(Path workDir) throws IOException, InterruptedException {
    Process probe;
    try {
      probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("wrk is not installed; run: apt-get install -y wrk (benchmarks/run.sh does this)", e);
    }
    probe.getInputStream().readAllBytes();
    probe.waitFor();
    Files.createDirectories(workDir);
    Path script = workDir.resolve("inflow.lua");
    try (InputStream in = Wrk.class.getResourceAsStream("/dev/inflow/benchmarks/wrk/inflow.lua")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    return new Wrk(script, workDir);
  }

  /**
   * Runs wrk once.
   *
   * @param url the base URL, e.g. {@code http://127.0.0.1:8080}
   * @param mode {@code get} or {@code create}
   * @param path the path, where {@code {n}} stands for a random target number below {@code targets}
   *     and {@code {m}} for one from 1 to {@code targets}
   * @param tokens signs a fresh token per user for this run; empty for anonymous requests
   * @param bodies JSON bodies for {@code create}
   */
  public Result run(String url, String mode, String path, int targets, Optional<Tokens> tokens, List<String> bodies, int threads,
      int connections, Duration duration) throws IOException, InterruptedException {
    String tokenFile = "-";
    if (tokens.isPresent()) {
      tokenFile = tokens.get().writeFile(workDir.resolve("tokens.txt")).toString();
    }
    String bodyFile = "-";
    if (!bodies.isEmpty()) {
      bodyFile = workDir.resolve("bodies.txt").toString();
      Files.write(Path.of(bodyFile), bodies);
    }
    List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(threads), "-c", Integer.toString(connections),
        "-d", Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s", "-s", script.toString(), url,
        "--", mode, tokenFile, bodyFile, path, Integer.toString(targets), Long.toString(System.nanoTime())));
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + output);
    }
    return parse(output);
  }

  /** Reads wrk's summary. */
  static Result parse(String output) {
    Matcher rps = RPS.matcher(output);
    Matcher total = TOTAL.matcher(output);
    if (!rps.find() || !total.find()) {
      throw new IllegalStateException("unexpected wrk output:\n" + output);
    }
    double seconds = Double.parseDouble(total.group(2)) * switch (total.group(3)) {
      case "ms" -> 0.001;
      case "m" -> 60;
      default -> 1;
    };
    Matcher non2xx = NON_2XX.matcher(output);
    Matcher socket = SOCKET.matcher(output);
    long socketErrors = 0;
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        socketErrors += Long.parseLong(socket.group(g));
      }
    }
    return new Result(Double.parseDouble(rps.group(1)), Long.parseLong(total.group(1)), seconds,
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socketErrors);
  }
}
