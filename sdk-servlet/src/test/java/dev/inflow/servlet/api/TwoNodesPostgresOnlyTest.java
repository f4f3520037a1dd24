package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL: a comment posted on node A reaches a live subscriber on node B
 * within a second (NOTIFY wakes B; the events table is the truth), and node B's shared page of the
 * target's comments is retired as soon. Several nodes need a shared
 * database server, so this runs in the PostgreSQL execution only (the H2 execution excludes it
 * by name in the pom).
 */
class TwoNodesPostgresOnlyTest {
  /** Node A on Jetty and node B on Tomcat, both on one fresh PostgreSQL database. */
  private record TwoNodes(Inflow nodeA, Inflow nodeB, TestServer serverA, TestServer serverB) implements AutoCloseable {
    static TwoNodes start() throws Exception {
      assertThat(TestDatabase.kind()).as("this test needs PostgreSQL").isEqualTo("postgresql");
      String url = TestDatabase.freshUrl();
      Inflow nodeA = Inflow.builder().jdbcUrl(url).build();
      Inflow nodeB = Inflow.builder().jdbcUrl(url).build();
      TestServer serverA = TestServer.start(Container.JETTY, InflowServlet.builder(nodeA).tenantKeys(TestTokens.keys()).build());
      TestServer serverB = TestServer.start(Container.TOMCAT, InflowServlet.builder(nodeB).tenantKeys(TestTokens.keys()).build());
      return new TwoNodes(nodeA, nodeB, serverA, serverB);
    }

    @Override
    public void close() throws Exception {
      try (nodeA; nodeB; serverA; serverB) {
        // closed in reverse order: servers first, then the nodes
      }
    }
  }

  @Test
  void anEventCommittedOnOneNodeReachesSubscribersOnTheOtherWithinASecond() throws Exception {
    try (TwoNodes nodes = TwoNodes.start();
        LiveClient subscriber = LiveClient.connect(nodes.serverB().baseUrl(), "/inflow/live", Map.of("Authorization", "Bearer " + TestTokens.token("ben")))) {
      subscriber.subscribe("target:kb/two-nodes", null);
      subscriber.await(f -> !f.isEmpty(), Duration.ofSeconds(5));

      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        int before = subscriber.events().size();
        Http.Response posted = new Http(nodes.serverA().baseUrl()).post("/inflow/api/v1/targets/kb/two-nodes/comments")
            .bearer(TestTokens.token("ana")).json("{\"body\":\"from node A #" + i + "\"}").send();
        assertThat(posted.status()).isEqualTo(201);
        JsonNode event = subscriber.await(f -> subscriber.events().size() > before, Duration.ofSeconds(1)).stream()
            .filter(f -> f.path("type").asText().equals("event")).reduce((a, b) -> b).orElseThrow();
        assertThat(event.path("event").path("body").asText()).isEqualTo("from node A #" + i);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void aCommentPostedOnOneNodeShowsInTheOthersSharedPageAndCountsWithinASecond() throws Exception {
    try (TwoNodes nodes = TwoNodes.start()) {
      String list = "/inflow/api/v1/targets/kb/two-nodes-list/comments";
      String counts = "/inflow/api/v1/comments/counts?keys=kb/two-nodes-list";
      Http b = new Http(nodes.serverB().baseUrl());
      for (int i = 0; i < 5; i++) {
        // B caches the count too; the event must drop it, not its five seconds.
        assertThat(b.get(counts).bearer(TestTokens.token("dev")).send().json().path("counts").path("kb/two-nodes-list").asInt()).isEqualTo(i);
        // Read on B until the page is B's shared copy (two readers, the same answer), then post on A.
        Http.Response seen = b.get(list).bearer(TestTokens.token("ben")).send();
        assertThat(b.get(list).bearer(TestTokens.token("dev")).send().text()).isEqualTo(seen.text());
        long seqBefore = Long.parseLong(seen.header("Inflow-Seq"));
        long start = System.nanoTime();
        Http.Response posted = new Http(nodes.serverA().baseUrl()).post(list).bearer(TestTokens.token("ana"))
            .json("{\"body\":\"from node A #" + i + "\"}").send();
        assertThat(posted.status()).isEqualTo(201);

        long event = nodes.nodeA().events().lastSeq("default");
        Http.Response after;
        do {
          after = b.get(list).bearer(TestTokens.token("dev")).send();
          if (!after.text().contains("from node A #" + i)) {
            // Until B has read the event, B may answer with its page from before, but never with a
            // position at or past the event: a client subscribing from it still receives the comment.
            assertThat(Long.parseLong(after.header("Inflow-Seq"))).isLessThan(event);
          }
        } while (!after.text().contains("from node A #" + i) && Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertThat(after.text()).contains("from node A #" + i);
        int count;
        do {
          count = b.get(counts).bearer(TestTokens.token("dev")).send().json().path("counts").path("kb/two-nodes-list").asInt();
        } while (count == i && Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertThat(count).isEqualTo(i + 1);
        assertThat(Long.parseLong(after.header("Inflow-Seq"))).isGreaterThanOrEqualTo(seqBefore);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      }
    }
  }
}
