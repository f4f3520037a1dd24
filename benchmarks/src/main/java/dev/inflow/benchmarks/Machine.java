package dev.inflow.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, read from the running system. */
final class Machine {
  private Machine() {}

  static String cpu() {
    String model = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst().orElse("unknown CPU");
    return Runtime.getRuntime().availableProcessors() + " cores (" + model + ")";
  }

  static String memory() {
    return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
        .map(l -> String.format(Locale.ROOT, "%.1f GiB RAM", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
        .orElse("unknown RAM");
  }

  static String jdk() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (server: -Xms1g -Xmx2g, G1)";
  }

  static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** @return the 1, 5 and 15 minute load averages, e.g. {@code 1.20 0.95 0.80} */
  static String load() {
    List<String> parts = List.of(read("/proc/loadavg").split(" "));
    return parts.size() >= 3 ? String.join(" ", parts.subList(0, 3)) : "unknown";
  }

  static String command(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      return out.lines().findFirst().orElse("");
    } catch (IOException e) {
      return "unavailable";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unavailable";
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
