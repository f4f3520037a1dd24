package dev.inflow.core.internal.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters, rendered in the Prometheus text format by {@code GET /inflow/metrics}. Deliberately
 * tiny: hosts that run Micrometer can scrape this endpoint too.
 *
 * <p>Thread-safe.
 */
public final class Metrics {
  private final Map<String, String> help = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  /**
   * Adds one to a counter.
   *
   * @param name metric name, e.g. {@code inflow_comments_created_total}
   * @param description one line for {@code # HELP}
   * @param labels alternating label names and values
   */
  public void increment(String name, String description, String... labels) {
    help.putIfAbsent(name, description);
    counters.computeIfAbsent(series(name, labels), k -> new LongAdder()).increment();
  }

  /** @return the current value of a series, 0 when never incremented */
  public long value(String name, String... labels) {
    LongAdder adder = counters.get(series(name, labels));
    return adder == null ? 0 : adder.sum();
  }

  /** Appends every counter in the Prometheus text exposition format. */
  public void render(StringBuilder out) {
    Map<String, Long> sorted = new TreeMap<>();
    counters.forEach((series, adder) -> sorted.put(series, adder.sum()));
    String lastName = null;
    for (var entry : sorted.entrySet()) {
      String series = entry.getKey();
      int brace = series.indexOf('{');
      String name = brace < 0 ? series : series.substring(0, brace);
      if (!name.equals(lastName)) {
        out.append("# HELP ").append(name).append(' ').append(help.getOrDefault(name, name)).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        lastName = name;
      }
      out.append(series).append(' ').append(entry.getValue()).append('\n');
    }
  }

  private static String series(String name, String[] labels) {
    if (labels.length == 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('{');
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
    }
    return sb.append('}').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
