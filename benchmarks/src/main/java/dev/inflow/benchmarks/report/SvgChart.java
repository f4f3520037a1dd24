package dev.inflow.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes the report's charts as standalone SVG (no fonts, scripts or network): grouped bar charts
 * and line charts with an optional logarithmic x axis and a dashed goal line.
 */
public final class SvgChart {
  private static final String[] COLOURS = {"#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#6b7280"};
  private static final int WIDTH = 760;
  private static final int HEIGHT = 380;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private final String title;
  private final String yLabel;
  private final Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
  private final Map<String, List<double[]>> lines = new LinkedHashMap<>();
  private String xLabel = "";
  private boolean logX;
  private boolean logY;
  private OptionalDouble goal = OptionalDouble.empty();
  private String goalLabel = "";

  private SvgChart(String title, String yLabel) {
    this.title = title;
    this.yLabel = yLabel;
  }

  /** @return an empty chart */
  public static SvgChart titled(String title, String yLabel) {
    return new SvgChart(title, yLabel);
  }

  /** Adds a bar: {@code group} is the cluster on the x axis, {@code series} the colour within it. */
  public SvgChart bar(String group, String series, double value) {
    bars.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(series, value);
    return this;
  }

  /** Adds a point of a line. */
  public SvgChart point(String series, double x, double y) {
    lines.computeIfAbsent(series, s -> new ArrayList<>()).add(new double[] {x, y});
    return this;
  }

  /** Uses a logarithmic x axis for line charts. */
  public SvgChart logX(String label) {
    this.logX = true;
    this.xLabel = label;
    return this;
  }

  /** Uses a logarithmic y axis for line charts, so that a collapse and a flat line both stay readable. */
  public SvgChart logY() {
    this.logY = true;
    return this;
  }

  /** Draws a dashed horizontal line at the goal. */
  public SvgChart goal(double value, String label) {
    this.goal = OptionalDouble.of(value);
    this.goalLabel = label;
    return this;
  }

  /** @return whether there is anything to draw */
  public boolean isEmpty() {
    return bars.isEmpty() && lines.isEmpty();
  }

  /** @return the chart as an SVG document */
  public String render() {
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
        + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(WIDTH / 2.0, 22, title, "middle", 15, "bold"));
    double yMax = niceMax(Math.max(maxY(), goal.orElse(0) * 1.1));
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    boolean log = logY && bars.isEmpty();
    double decadeLo = Math.floor(Math.log10(Math.max(1e-3, Math.min(minY(), goal.orElse(Double.MAX_VALUE)))));
    double decadeHi = Math.max(decadeLo + 1, Math.ceil(Math.log10(Math.max(maxY(), goal.orElse(0)))));
    java.util.function.DoubleUnaryOperator toY = log
        ? v -> TOP + plotH - plotH * (Math.log10(Math.max(v, Math.pow(10, decadeLo))) - decadeLo) / (decadeHi - decadeLo)
        : v -> TOP + plotH - plotH * Math.min(v, yMax) / yMax;
    List<Double> ticks = new ArrayList<>();
    if (log) {
      for (double d = decadeLo; d <= decadeHi; d++) {
        ticks.add(Math.pow(10, d));
      }
    } else {
      for (int i = 0; i <= 5; i++) {
        ticks.add(yMax * i / 5);
      }
    }
    for (double v : ticks) {
      double y = toY.applyAsDouble(v);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>%n", LEFT, y, LEFT + plotW, y));
      svg.append(text(LEFT - 6, y + 4, number(v), "end", 11, "normal"));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">%s</text>%n",
        TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
    List<String> seriesNames = new ArrayList<>();
    if (!bars.isEmpty()) {
      bars.values().forEach(m -> m.keySet().forEach(s -> {
        if (!seriesNames.contains(s)) {
          seriesNames.add(s);
        }
      }));
      double groupW = plotW / bars.size();
      double barW = Math.min(40, groupW * 0.8 / Math.max(1, seriesNames.size()));
      int g = 0;
      for (Map.Entry<String, Map<String, Double>> group : bars.entrySet()) {
        double x0 = LEFT + groupW * g + (groupW - barW * seriesNames.size()) / 2;
        for (int s = 0; s < seriesNames.size(); s++) {
          Double v = group.getValue().get(seriesNames.get(s));
          if (v == null) {
            continue;
          }
          double h = plotH * Math.min(v, yMax) / yMax;
          svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
              x0 + barW * s, TOP + plotH - h, barW - 2, h, COLOURS[s % COLOURS.length]));
          svg.append(text(x0 + barW * s + (barW - 2) / 2, TOP + plotH - h - 4, number(v), "middle", 10, "normal"));
        }
        svg.append(wrapped(LEFT + groupW * g + groupW / 2, TOP + plotH + 16, group.getKey(), groupW));
        g++;
      }
    } else {
      seriesNames.addAll(lines.keySet());
      double xMin = lines.values().stream().flatMap(List::stream).mapToDouble(p -> p[0]).min().orElse(1);
      double xMax = lines.values().stream().flatMap(List::stream).mapToDouble(p -> p[0]).max().orElse(10);
      double lo = logX ? Math.log10(xMin) : xMin;
      double hi = logX ? Math.log10(xMax) : xMax;
      if (hi <= lo) {
        hi = lo + 1;
      }
      double span = hi - lo;
      int s = 0;
      for (Map.Entry<String, List<double[]>> series : lines.entrySet()) {
        StringBuilder path = new StringBuilder();
        for (double[] p : series.getValue()) {
          double px = LEFT + plotW * ((logX ? Math.log10(p[0]) : p[0]) - lo) / span;
          double py = toY.applyAsDouble(p[1]);
          path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
          svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, COLOURS[s % COLOURS.length]));
        }
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path,
            COLOURS[s % COLOURS.length]));
        s++;
      }
      java.util.SortedSet<Double> xs = new java.util.TreeSet<>();
      lines.values().forEach(series -> series.forEach(p -> xs.add(p[0])));
      for (double x : xs) {
        double px = LEFT + plotW * ((logX ? Math.log10(x) : x) - lo) / span;
        svg.append(text(px, TOP + plotH + 16, number(x), "middle", 11, "normal"));
      }
      svg.append(text(LEFT + plotW / 2, HEIGHT - 18, xLabel, "middle", 12, "normal"));
    }
    if (goal.isPresent()) {
      double y = toY.applyAsDouble(goal.getAsDouble());
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dc2626\" stroke-dasharray=\"6 4\"/>%n",
          LEFT, y, LEFT + plotW, y));
      svg.append(text(LEFT + plotW + 6, y + 4, goalLabel, "start", 11, "normal").replace("<text ", "<text fill=\"#dc2626\" "));
    }
    for (int s = 0; s < seriesNames.size(); s++) {
      double y = TOP + 10 + s * 18;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", LEFT + plotW + 10,
          y - 10, COLOURS[s % COLOURS.length]));
      svg.append(text(LEFT + plotW + 28, y, seriesNames.get(s), "start", 11, "normal"));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private double maxY() {
    double max = 0;
    for (Map<String, Double> group : bars.values()) {
      for (double v : group.values()) {
        max = Math.max(max, v);
      }
    }
    for (List<double[]> series : lines.values()) {
      for (double[] p : series) {
        max = Math.max(max, p[1]);
      }
    }
    return max;
  }

  private double minY() {
    double min = Double.MAX_VALUE;
    for (List<double[]> series : lines.values()) {
      for (double[] p : series) {
        if (p[1] > 0) {
          min = Math.min(min, p[1]);
        }
      }
    }
    return min == Double.MAX_VALUE ? 1 : min;
  }

  static double niceMax(double max) {
    if (max <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (step * magnitude >= max * 1.05) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String wrapped(double x, double y, String label, double width) {
    int perLine = Math.max(8, (int) (width / 6.5));
    List<String> rows = new ArrayList<>();
    StringBuilder row = new StringBuilder();
    for (String word : label.split(" ")) {
      if (row.length() > 0 && row.length() + word.length() + 1 > perLine) {
        rows.add(row.toString());
        row.setLength(0);
      }
      row.append(row.length() == 0 ? "" : " ").append(word);
    }
    rows.add(row.toString());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rows.size() && i < 3; i++) {
      out.append(text(x, y + i * 13, rows.get(i), "middle", 11, "normal"));
    }
    return out.toString();
  }

  private static String text(double x, double y, String s, String anchor, int size, String weight) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n",
        x, y, anchor, size, weight, escape(s));
  }

  static String number(double v) {
    if (v >= 1_000_000 && v % 1_000_000 == 0) {
      return String.format(Locale.ROOT, "%.0fM", v / 1_000_000);
    }
    if (v >= 1_000 && v % 1_000 == 0) {
      return String.format(Locale.ROOT, "%.0fk", v / 1_000);
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v > 0 && v < 0.1) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
