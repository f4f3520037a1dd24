package dev.inflow.servlet.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.User;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.core.xapi.XapiSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two Inflow nodes on one PostgreSQL, xAPI statements going out to an LRS (WireMock, slow to
 * answer). Node A claims the statements and is shut down abruptly while its deliveries are in
 * flight, leases held. Node B takes the jobs over once the leases run out: every statement reaches
 * the LRS, and a statement sent twice (A's cut-off attempt and B's retry) carries the same
 * statement id, so the LRS stores each exactly once. Runs in the PostgreSQL execution only.
 */
class OutboxFailoverPostgresOnlyTest {
  private static final int STATEMENTS = 20;
  private static final System.Logger LOG = System.getLogger(OutboxFailoverPostgresOnlyTest.class.getName());

  private static Inflow node(String url, WireMockServer lrs) {
    return Inflow.builder().jdbcUrl(url).jobLease(Duration.ofSeconds(3))
        .limits(Limits.builder().userWritesPerMinute(1_000).build())
        .xapi(XapiSettings.builder(URI.create(lrs.baseUrl() + "/xapi")).credentials("lrs", "secret")
            .timeout(Duration.ofSeconds(5)).maxAttempts(10).build())
        .build();
  }

  @Test
  void aNodeKilledMidDeliveryLeavesItsJobsToTheOtherAndNothingIsLostOrStoredTwice() throws Exception {
    assertThat(TestDatabase.kind()).as("this test needs PostgreSQL").isEqualTo("postgresql");
    String url = TestDatabase.freshUrl();
    WireMockServer lrs = new WireMockServer(wireMockConfig().dynamicPort());
    lrs.start();
    try {
      lrs.stubFor(put(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(204).withFixedDelay(1_500)));
      Inflow nodeA = node(url, lrs);
      Caller ana = Caller.of("default", User.of("ana", "Ana"));
      for (int i = 0; i < STATEMENTS; i++) {
        nodeA.comments().create(ana, "course:java-" + i, NewComment.of("Statement " + i), Optional.empty());
      }
      await(() -> !lrs.getAllServeEvents().isEmpty(), Duration.ofSeconds(20), "node A starts delivering");
      nodeA.close(); // interrupts its deliveries mid-flight; its leases stay in the table until they expire
      int sentByA = lrs.getAllServeEvents().size();

      try (Inflow nodeB = node(url, lrs)) {
        await(() -> statementIds(lrs).size() >= STATEMENTS, Duration.ofSeconds(60), "node B delivers the rest");
        Thread.sleep(2_000); // anything doubled would arrive now
        List<ServeEvent> all = lrs.getAllServeEvents();
        Map<String, Long> perId = all.stream().collect(Collectors.groupingBy(OutboxFailoverPostgresOnlyTest::statementId, Collectors.counting()));
        LOG.log(System.Logger.Level.INFO, "{0} statements: {1} PUTs, {2} started by node A before it was killed, {3} resent",
            STATEMENTS, all.size(), sentByA, all.size() - perId.size());
        assertThat(perId).as("distinct statement ids at the LRS").hasSize(STATEMENTS);
        assertThat(perId.values()).as("a statement resent at most once, after its node died").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(all.size() - perId.size()).as("resends").isLessThanOrEqualTo(sentByA);
      }
    } finally {
      lrs.stop();
    }
  }

  private static Set<String> statementIds(WireMockServer lrs) {
    return lrs.getAllServeEvents().stream().map(OutboxFailoverPostgresOnlyTest::statementId).collect(Collectors.toCollection(HashSet::new));
  }

  private static String statementId(ServeEvent e) {
    return e.getRequest().queryParameter("statementId").firstValue();
  }

  private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within %s", what, timeout).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

}
