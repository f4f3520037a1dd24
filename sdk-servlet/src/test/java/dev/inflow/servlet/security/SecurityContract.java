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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Inflow in Jetty on a fresh database (H2 or PostgreSQL, by {@code -Dinflow.test.db}) for one
 * attack suite, with tenants {@code default} and {@code acme} and generous rate limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityContract {
  static final String API = "/inflow/api/v1";
  static final String PORTAL = "https://portal.example.com";
  Inflow inflow;
  TestServer server;

  Limits limits() {
    return Limits.builder().userWritesPerMinute(100_000).tenantWritesPerMinute(1_000_000).userReadsPerMinute(100_000).build();
  }

  @BeforeAll
  void startServer() throws Exception {
    inflow = TestDatabase.inflow().limits(limits()).build();
    server = TestServer.start(Container.JETTY,
        InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).allowedOrigins(List.of(PORTAL)).build());
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    if (inflow != null) {
      inflow.close();
    }
  }

  Http http() {
    return new Http(server.baseUrl());
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Sends and asserts the answer is 2xx, returning its JSON (or null when it has no body). */
  static JsonNode ok(Http.Request request) {
    Http.Response r = request.send();
    assertThat(r.status()).as(r.toString()).isBetween(200, 299);
    return r.raw().body().length == 0 ? null : r.json();
  }

  /** Asserts an answer is a problem+json of the status. */
  static void assertProblem(Http.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.json().path("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("title").asText()).isNotBlank();
  }
}
