package dev.inflow.benchmarks;

import dev.inflow.benchmarks.scenario.Bench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records JFR profiles of the server process with {@code jcmd JFR.start/JFR.dump/JFR.stop} around
 * a phase, then writes a {@link JfrSummary} next to the recording. Off unless {@code --profile}:
 * sampling costs the server a little, so published figures come from runs without it.
 */
final class JfrProfiler implements Bench.Profiler {
  private final boolean enabled;
  private final long pid;
  private final Path dir;
  private final Consumer<String> progress;

  JfrProfiler(boolean enabled, long pid, Path dir, Consumer<String> progress) {
    this.enabled = enabled;
    this.pid = pid;
    this.dir = dir;
    this.progress = progress;
  }

  @Override
  public AutoCloseable start(String phase) throws IOException, InterruptedException {
    if (!enabled) {
      return () -> { };
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(phase + ".jfr");
    jcmd("JFR.start", "name=" + phase, "settings=profile");
    return () -> {
      jcmd("JFR.dump", "name=" + phase, "filename=" + file);
      jcmd("JFR.stop", "name=" + phase);
      String summary;
      try {
        summary = JfrSummary.summarize(file, 15);
      } catch (IOException | RuntimeException e) {
        // A profile that cannot be summarised must not cost the run its figures.
        progress.accept("  could not summarise " + file + ": " + e);
        return;
      }
      Path text = dir.resolve(phase + ".txt");
      Files.writeString(text, summary, StandardCharsets.UTF_8);
      progress.accept("  profile of " + phase + ": " + text);
      progress.accept(summary);
    };
  }

  @Override
  public Map<String, Long> classHistogram() throws IOException, InterruptedException {
    Map<String, Long> bytes = new HashMap<>();
    if (!enabled) {
      return bytes;
    }
    // num: #instances #bytes class name (module)
    for (String line : jcmd("GC.class_histogram").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
      }
    }
    return bytes;
  }

  @Override
  public void save(String name, String text) throws IOException {
    if (enabled) {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
      progress.accept("  saved " + dir.resolve(name));
    }
  }

  private String jcmd(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }
}
