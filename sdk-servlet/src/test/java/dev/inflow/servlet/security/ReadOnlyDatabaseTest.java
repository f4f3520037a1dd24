package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database turns read-only under a running Inflow (an H2 file opened read-only, as after a
 * full disk or a mount gone read-only; PostgreSQL with {@code default_transaction_read_only}, as
 * during a fail-over to a replica): reads keep working, every write is a clear 503 problem with
 * {@code Retry-After}, nothing half-written appears, and once the database is writable again
 * everything written before is there and writes work.
 */
class ReadOnlyDatabaseTest {
  private static final String API = "/inflow/api/v1";
  private static final Limits LIMITS = Limits.builder().userWritesPerMinute(10_000).tenantWritesPerMinute(100_000).build();

  @Test
  void writesAreRefusedWith503WhileReadsGoOnAndNothingIsLost() throws Exception {
    String url = TestDatabase.freshUrl();
    boolean h2 = TestDatabase.kind().equals("h2");
    String target = "kb/read-only";
    List<String> written = new ArrayList<>();
    String ana = TestTokens.token("ana");

    try (Inflow node = Inflow.builder().jdbcUrl(url).limits(LIMITS).build();
        TestServer server = TestServer.start(Container.JETTY, InflowServlet.builder(node).tenantKeys(TestTokens.keys()).build())) {
      Http http = new Http(server.baseUrl());
      for (int i = 0; i < 5; i++) {
        Http.Response r = http.post(API + "/targets/" + target + "/comments").bearer(ana).json("{\"body\":\"before " + i + "\"}").send();
        assertThat(r.status()).isEqualTo(201);
        written.add(r.json().path("id").asText());
      }
      if (!h2) {
        readOnly(url, true);
        try {
          assertReadOnlyBehaviour(http, target, written);
        } finally {
          readOnly(url, false);
        }
        assertWritable(http, target, written);
      }
    }
    if (h2) {
      try (Inflow readOnly = Inflow.builder().jdbcUrl(url + ";ACCESS_MODE_DATA=r").limits(LIMITS).build();
          TestServer server = TestServer.start(Container.JETTY, InflowServlet.builder(readOnly).tenantKeys(TestTokens.keys()).build())) {
        assertReadOnlyBehaviour(new Http(server.baseUrl()), target, written);
      }
      try (Inflow again = Inflow.builder().jdbcUrl(url).limits(LIMITS).build();
          TestServer server = TestServer.start(Container.JETTY, InflowServlet.builder(again).tenantKeys(TestTokens.keys()).build())) {
        assertWritable(new Http(server.baseUrl()), target, written);
      }
    }
  }

  private static void assertReadOnlyBehaviour(Http http, String target, List<String> written) {
    String ana = TestTokens.token("ana");
    for (Http.Request write : List.of(
        http.post(API + "/targets/" + target + "/comments").bearer(ana).json("{\"body\":\"while read-only\"}"),
        http.delete(API + "/comments/" + written.get(0)).bearer(ana),
        http.put(API + "/comments/" + written.get(1) + "/reactions/eyes").bearer(TestTokens.token("ben")),
        http.post(API + "/questions").bearer(ana).json("{\"title\":\"Read-only?\",\"tags\":[\"ops\"]}"),
        http.post(API + "/activities").bearer(TestTokens.token("lms", "service"))
            .json("{\"verb\":\"completed\",\"actor\":\"ana\",\"object\":{\"id\":\"course:1\",\"name\":\"Ops\"}}"))) {
      Http.Response r = write.send();
      assertThat(r.status()).as(r.toString()).isEqualTo(503);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.header("Retry-After")).isNotBlank();
      assertThat(r.json().path("detail").asText()).as("says what is wrong, not a stack trace").doesNotContain("Exception", "at dev.");
    }
    Http.Response read = http.get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("reader")).send();
    assertThat(read.status()).as("reads go on: " + read).isEqualTo(200);
    assertThat(read.json().path("items")).extracting(c -> c.path("id").asText()).containsExactlyElementsOf(written);
  }

  private static void assertWritable(Http http, String target, List<String> written) {
    String ana = TestTokens.token("ana");
    JsonNode list = http.get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("reader")).send().json();
    assertThat(list.path("items")).extracting(c -> c.path("id").asText()).containsExactlyElementsOf(written);
    assertThat(list.path("items")).allSatisfy(c -> {
      assertThat(c.path("deleted").asBoolean()).isFalse();
      assertThat(c.path("reactions").size()).isZero();
    });
    assertThat(http.post(API + "/targets/" + target + "/comments").bearer(ana).json("{\"body\":\"after\"}").send().status()).isEqualTo(201);
  }

  /** Turns PostgreSQL's default_transaction_read_only on or off for every session, as a fail-over would. */
  private static void readOnly(String url, boolean on) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET default_transaction_read_only = " + (on ? "on" : "off"));
      s.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(500); // backends pick the reloaded setting up at their next command
  }
}
