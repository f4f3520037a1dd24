package dev.inflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkTest {
  private static final String OUTPUT = """
      Running 10s test @ http://127.0.0.1:8080
        1 threads and 16 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     6.10ms    2.31ms  40.22ms   80.00%
          Req/Sec     2.62k   210.00     3.01k    71.00%
        26143 requests in 10.01s, 0.97GB read
        Non-2xx or 3xx responses: 12
        Socket errors: connect 0, read 2, write 0, timeout 1
      Requests/sec:   2611.76
      Transfer/sec:     99.21MB
      """;

  @Test
  void readsRateRequestsAndErrorsFromTheSummary() {
    Wrk.Result result = Wrk.parse(OUTPUT);

    assertThat(result.requestsPerSecond()).isEqualTo(2611.76);
    assertThat(result.requests()).isEqualTo(26143);
    assertThat(result.seconds()).isEqualTo(10.01);
    assertThat(result.non2xx()).isEqualTo(12);
    assertThat(result.socketErrors()).isEqualTo(3);
  }

  @Test
  void aRunIsCleanOnlyWhenAtMostOneAnswerInAThousandFailed() {
    assertThat(Wrk.parse(OUTPUT).clean()).isTrue();
    assertThat(Wrk.parse(OUTPUT.replace("Non-2xx or 3xx responses: 12", "Non-2xx or 3xx responses: 400")).clean()).isFalse();
  }

  @Test
  void unexpectedOutputIsReportedWithTheOutput() {
    assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .hasMessageContaining("Connection refused");
  }
}
