package dev.inflow.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run: the machine, every {@link Measurement}, the charts and notes, written as
 * the generated part of {@code docs/benchmarks.md} (between {@link #BEGIN} and {@link #END}; the
 * hand-written text around it is kept) plus SVG charts and a CSV beside it.
 *
 * <p>Thread-safe enough for the harness: one thread adds, then one thread writes.
 */
public final class Report {
  public static final String BEGIN = "<!-- BEGIN GENERATED RESULTS (benchmarks/run.sh rewrites this part) -->";
  public static final String END = "<!-- END GENERATED RESULTS -->";

  private final Map<String, String> machine = new LinkedHashMap<>();
  private final List<Measurement> measurements = new ArrayList<>();
  private final Map<String, SvgChart> charts = new LinkedHashMap<>();
  private final Map<String, String> chartCaptions = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String[]> notMeasured = new ArrayList<>();

  /** Adds a line to the machine description (cores, RAM, JDK, database versions, load). */
  public synchronized void machine(String key, String value) {
    machine.put(key, value);
  }

  public synchronized void add(Measurement m) {
    measurements.add(m);
  }

  /** @return every measurement so far */
  public synchronized List<Measurement> measurements() {
    return List.copyOf(measurements);
  }

  /** @return the chart of this file name, created on first use */
  public synchronized SvgChart chart(String file, String caption, SvgChart initial) {
    chartCaptions.putIfAbsent(file, caption);
    return charts.computeIfAbsent(file, f -> initial);
  }

  /** Adds a remark printed under the tables (e.g. why a figure is missing). */
  public synchronized void note(String text) {
    notes.add(text);
  }

  /** Lists a scenario that this run did not measure and why. */
  public synchronized void notMeasured(String scenario, String reason) {
    notMeasured.add(new String[] {scenario, reason});
  }

  /**
   * Writes the charts and CSV into {@code assets} and the generated section into {@code doc}
   * (created with a minimal frame if missing).
   */
  public synchronized void write(Path doc, Path assets, String command) throws IOException {
    Files.createDirectories(assets);
    String relative = doc.toAbsolutePath().getParent().relativize(assets.toAbsolutePath()).toString();
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append("\n\n");
    md.append("### Machine and run\n\n");
    for (Map.Entry<String, String> e : machine.entrySet()) {
      md.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
    }
    md.append("- **Command**: `").append(command).append("`\n\n");

    List<Measurement> goals = measurements.stream().filter(m -> m.met().isPresent()).toList();
    if (!goals.isEmpty()) {
      md.append("### Goals\n\n| Goal | Database | Inflow | Baseline (same run) | Ratio | Met |\n|---|---|---:|---:|---:|:-:|\n");
      for (Measurement m : goals) {
        md.append("| ").append(m.figure()).append(": ").append(m.goal()).append(" | ").append(m.database()).append(" | ")
            .append(value(m.value(), m.unit())).append(" | ").append(baseline(m)).append(" | ").append(ratio(m)).append(" | ")
            .append(m.met().get() ? "yes" : "**no**").append(" |\n");
      }
      md.append('\n');
    }
    md.append("### All figures\n\nRatio = Inflow ÷ baseline, both measured on the same server in the same run.\n\n");
    md.append("| Scenario | Database | Figure | Inflow | Baseline (same run) | Ratio |\n|---|---|---|---:|---:|---:|\n");
    for (Measurement m : measurements) {
      md.append("| ").append(m.scenario()).append(" | ").append(m.database()).append(" | ").append(m.figure()).append(" | ")
          .append(value(m.value(), m.unit())).append(" | ").append(baseline(m)).append(" | ").append(ratio(m)).append(" |\n");
    }
    md.append('\n');
    for (Map.Entry<String, SvgChart> chart : charts.entrySet()) {
      if (chart.getValue().isEmpty()) {
        continue;
      }
      Files.writeString(assets.resolve(chart.getKey()), chart.getValue().render(), StandardCharsets.UTF_8);
      md.append("![").append(chartCaptions.get(chart.getKey())).append("](").append(relative).append('/').append(chart.getKey())
          .append(")\n\n");
    }
    if (!notes.isEmpty()) {
      md.append("### Notes from this run\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    if (!notMeasured.isEmpty()) {
      md.append("### Not measured yet\n\n| Scenario | Why |\n|---|---|\n");
      notMeasured.forEach(n -> md.append("| ").append(n[0]).append(" | ").append(n[1]).append(" |\n"));
      md.append('\n');
    }
    md.append(END);
    writeCsv(assets.resolve("results.csv"));

    String existing = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8)
        : "# Benchmarks\n\n## Results\n\n" + BEGIN + "\n" + END + "\n";
    Files.createDirectories(doc.toAbsolutePath().getParent());
    Files.writeString(doc, splice(existing, md.toString()), StandardCharsets.UTF_8);
  }

  /** Replaces the generated section of {@code document} (appending one if it has none). */
  static String splice(String document, String section) {
    int begin = document.indexOf(BEGIN);
    int end = document.indexOf(END);
    if (begin < 0 || end < begin) {
      return document + (document.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
    }
    return document.substring(0, begin) + section + document.substring(end + END.length());
  }

  private void writeCsv(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("scenario,database,figure,value,unit,baseline,baseline_value,ratio,goal,met\n");
    for (Measurement m : measurements) {
      csv.append(String.join(",", quote(m.scenario()), quote(m.database()), quote(m.figure()), format(m.value()), quote(m.unit()),
          quote(m.baseline()), format(m.baselineValue()), Double.isNaN(m.ratio()) ? "" : format(m.ratio()), quote(m.goal()),
          m.met().map(String::valueOf).orElse(""))).append('\n');
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  private static String baseline(Measurement m) {
    return m.baselineValue() > 0 ? value(m.baselineValue(), m.unit()) + " (" + m.baseline() + ")" : "—";
  }

  private static String ratio(Measurement m) {
    if (Double.isNaN(m.ratio())) {
      return "—";
    }
    return String.format(Locale.ROOT, m.ratio() < 0.1 ? "%.3f×" : "%.2f×", m.ratio());
  }

  static String value(double v, String unit) {
    String number;
    if (v >= 100) {
      number = String.format(Locale.ROOT, "%,.0f", v);
    } else if (v >= 10) {
      number = String.format(Locale.ROOT, "%.1f", v);
    } else {
      number = String.format(Locale.ROOT, "%.2f", v);
    }
    return number + (unit.isEmpty() ? "" : " " + unit);
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
