package dev.inflow.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir
  Path dir;

  @Test
  void rewritingKeepsTheHandWrittenTextAroundTheGeneratedSection() throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\nHow we measure.\n\n" + Report.BEGIN + "\nold figures\n" + Report.END + "\n\n## Plan\n\nText.\n");
    Report report = new Report();
    report.machine("CPU", "2 cores");
    report.add(Measurement.of("comments", "H2", "list 50 comments, throughput", 1200, "req/s", "GET /inflow/health", 24000)
        .withGoal("≥ 0.5 × health", false));

    report.write(doc, dir.resolve("benchmarks"), "benchmarks/run.sh");

    String text = Files.readString(doc);
    assertThat(text).startsWith("# Benchmarks\n\nHow we measure.\n\n" + Report.BEGIN).endsWith(Report.END + "\n\n## Plan\n\nText.\n")
        .doesNotContain("old figures")
        .contains("| list 50 comments, throughput: ≥ 0.5 × health | H2 | 1,200 req/s | 24,000 req/s (GET /inflow/health) | 0.050× | **no** |");
    assertThat(dir.resolve("benchmarks/results.csv")).content().contains("\"list 50 comments, throughput\"");
  }

  @Test
  void aDocumentWithoutMarkersGetsTheSectionAppended() {
    assertThat(Report.splice("# Title\n", "SECTION")).isEqualTo("# Title\n\nSECTION\n");
  }

  @Test
  void chartsAreWrittenAsSvgAndLinkedFromTheDocument() throws Exception {
    Path doc = dir.resolve("docs/benchmarks.md");
    Report report = new Report();
    report.chart("ratios.svg", "Ratios", SvgChart.titled("Ratios", "ratio").goal(0.5, "goal")).bar("list ÷ health", "H2", 0.7);

    report.write(doc, dir.resolve("docs/benchmarks"), "benchmarks/run.sh");

    assertThat(Files.readString(doc)).contains("![Ratios](benchmarks/ratios.svg)");
    assertThat(dir.resolve("docs/benchmarks/ratios.svg")).content().startsWith("<svg").contains("list ÷ health", "goal", "0.70");
  }
}
