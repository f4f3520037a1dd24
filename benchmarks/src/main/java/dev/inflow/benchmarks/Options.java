package dev.inflow.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long and how hard to measure. {@code --quick} is for checking the harness itself (seconds
 * per scenario, a few hundred connections, figures not worth publishing); the default is the full
 * run published in {@code docs/benchmarks.md}.
 *
 * @param root the repository checkout
 * @param quick a short smoke run, written under {@code benchmarks/results/} instead of docs/
 * @param databases {@code h2} and/or {@code postgresql}
 * @param scenarios which scenarios to run, by name
 * @param warmup how long each endpoint is loaded before it is measured
 * @param measure how long each throughput measurement lasts
 * @param latency how long each open-loop latency measurement lasts
 * @param connections wrk connections (and raw JDBC threads)
 * @param liveConnections WebSocket connections of the live scenarios
 * @param livePosts measured broadcasts per live variant
 * @param liveInterval time between broadcasts
 * @param scale table sizes of the scaling scenario (comments) and the feed scenario (activities)
 * @param users distinct users tokens are signed for
 * @param profile record JFR profiles of the server during the measured phases
 * @param questions questions seeded by the similar scenario, or 0 for its default (100k, 2k quick);
 *     smaller tables let a shared machine compare two builds in minutes rather than an hour
 */
public record Options(Path root, boolean quick, List<String> databases, List<String> scenarios, Duration warmup, Duration measure,
    Duration latency, int connections, int liveConnections, int livePosts, Duration liveInterval, List<Integer> scale, int users,
    boolean profile, int questions) {

  static Options parse(String[] args) {
    Path root = Path.of(".").toAbsolutePath().normalize();
    boolean quick = false;
    boolean profile = false;
    List<String> databases = List.of("h2", "postgresql");
    List<String> scenarios = List.of("comments", "live", "scaling", "feed", "waline");
    Integer live = null;
    List<Integer> scale = null;
    Integer seconds = null;
    int questions = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--profile" -> profile = true;
        case "--root" -> root = Path.of(value(args, ++i, "--root DIR")).toAbsolutePath().normalize();
        case "--databases" -> databases = list(value(args, ++i, "--databases h2,postgresql"));
        case "--scenarios" -> scenarios = list(value(args, ++i, "--scenarios comments,live,scaling,feed,waline"));
        case "--live-connections" -> live = Integer.parseInt(value(args, ++i, "--live-connections 10000"));
        case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, "--seconds 15"));
        case "--questions" -> questions = Integer.parseInt(value(args, ++i, "--questions 20000"));
        case "--scale" -> scale = list(value(args, ++i, "--scale 1000,10000,100000,1000000")).stream().map(Integer::parseInt).toList();
        case "--help", "-h" -> {
          System.out.println("benchmarks/run.sh [--quick] [--profile] [--databases h2,postgresql] [--scenarios comments,live,scaling,feed,waline,similar]"
              + " [--live-connections N] [--scale 1000,10000,...] [--seconds N (per measured step, e.g. for longer profiles)]"
              + " [--questions N (similar scenario's table size)]");
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see --help");
      }
    }
    for (String db : databases) {
      if (!db.equals("h2") && !db.equals("postgresql")) {
        throw new IllegalArgumentException("--databases takes h2 and/or postgresql (got " + db + ")");
      }
    }
    if (quick) {
      Duration step = Duration.ofSeconds(seconds != null ? seconds : 3);
      return new Options(root, true, databases, scenarios, Duration.ofSeconds(2), step, step, 16,
          live != null ? live : 300, 4, Duration.ofMillis(400), scale != null ? scale : List.of(1_000, 10_000), 500, profile, questions);
    }
    return new Options(root, false, databases, scenarios, Duration.ofSeconds(8), Duration.ofSeconds(seconds != null ? seconds : 12),
        Duration.ofSeconds(seconds != null ? seconds : 10), 16,
        live != null ? live : 10_000, 10, Duration.ofSeconds(1), scale != null ? scale : List.of(1_000, 10_000, 100_000, 1_000_000),
        5_000, profile, questions);
  }

  /** @return where logs, profiles and quick-run reports go (git-ignored) */
  public Path results() {
    return root.resolve("benchmarks/results");
  }

  private static String value(String[] args, int i, String usage) {
    if (i >= args.length) {
      throw new IllegalArgumentException("missing value: " + usage);
    }
    return args[i];
  }

  private static List<String> list(String value) {
    return new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }
}
