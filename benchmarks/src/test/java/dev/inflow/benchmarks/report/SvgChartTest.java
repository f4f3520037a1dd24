package dev.inflow.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgChartTest {
  @Test
  void aLogarithmicLineChartLabelsEveryDecadeAndEveryXOfEverySeries() {
    String svg = SvgChart.titled("List latency", "ms").logX("rows").logY()
        .point("H2 p99", 1_000, 12).point("H2 p99", 100_000, 774)
        .point("PostgreSQL p99", 1_000, 9).point("PostgreSQL p99", 1_000_000, 21)
        .render();

    assertThat(svg).contains(">1.00<", ">10.0<", ">100<", ">1k<")
        .contains(">1k<", ">100k<", ">1M<")
        .contains("H2 p99", "PostgreSQL p99");
  }

  @Test
  void aGoalIsDrawnAsADashedLineWithItsLabel() {
    String svg = SvgChart.titled("Ratios", "ratio").goal(0.5, "goal 0.5").bar("list ÷ health", "H2", 0.12).render();

    assertThat(svg).contains("stroke-dasharray", "goal 0.5", "0.12");
  }
}
